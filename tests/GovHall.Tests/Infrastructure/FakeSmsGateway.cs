using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using GovHall.Core.Notifications;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace GovHall.Tests.Infrastructure;

// An SMS gateway we cannot run here, faked as a real HTTP server on loopback that speaks the
// documented protocol (docs/notifications.md): it refuses a bad signature, records each
// message by our message id, and can be told to fail.
public sealed class FakeSmsGateway : IAsyncDisposable
{
    public const string Secret = "test-gateway-secret";

    private readonly WebApplication app;

    private FakeSmsGateway(WebApplication app) => this.app = app;

    public ConcurrentQueue<(string MessageId, string To, string Text)> Received { get; } = new();
    private volatile bool down;

    // While true, every request is answered 503 (the gateway is down).
    public bool Down
    {
        get => down;
        set => down = value;
    }

    public string Url { get; private set; } = "";

    // Runs for every message the gateway accepts, with its id (a test can look at the message's
    // row, or move its clock: a slow send).
    public Action<string>? OnReceive { get; set; }

    public static async Task<FakeSmsGateway> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var gateway = new FakeSmsGateway(app);
        app.MapPost("/sms", async (HttpContext context) =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync();
            // The hall's clock is moved in tests: the fake checks the signature, not the age.
            if (!GatewayJson.SignatureMatches(Secret, context.Request.Headers[GatewayJson.TimestampHeader], body, context.Request.Headers[GatewayJson.SignatureHeader]))
            {
                return Results.Unauthorized();
            }

            if (gateway.Down)
            {
                return Results.StatusCode(503);
            }

            var message = JsonSerializer.Deserialize<SmsChannel.SmsRequest>(body, GatewayJson.Options)!;
            gateway.Received.Enqueue((message.MessageId, message.To, message.Text));
            gateway.OnReceive?.Invoke(message.MessageId);
            return Results.Json(new { id = "gw-" + message.MessageId });
        });
        await app.StartAsync();
        gateway.Url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/') + "/sms";
        return gateway;
    }

    public async ValueTask DisposeAsync() => await app.DisposeAsync();
}
