using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using GovHall.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GovHall.Tests.Hosting;

// The request-body limits live in Kestrel, so these run the hall on a real Kestrel (127.0.0.1).
public sealed class KestrelHall() : HallFactory(TestDatabase.Sqlite)
{
    public string BaseUrl { get; private set; } = "";

    public override async ValueTask InitializeAsync()
    {
        UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        await base.InitializeAsync();
        StartServer();
        BaseUrl = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
    }
}

public sealed class RequestLimitTests(KestrelHall hall) : IClassFixture<KestrelHall>, IDisposable
{
    private const int MiB = 1024 * 1024;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private readonly HttpClient client = new(new SocketsHttpHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(hall.BaseUrl) };

    public void Dispose() => client.Dispose();

    // Like curl and browsers with a large body, the client asks before sending it
    // (Expect: 100-continue), so a refusal arrives without the body going over the wire.
    private Task<HttpResponseMessage> PostAsync(string path, HttpContent content, string? token = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
        request.Headers.ExpectContinue = true;
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        }

        return client.SendAsync(request, Cancel);
    }

    [Fact]
    public async Task Partner_BodyOverTheLimit_Is413_NamingTheLimit_AndNothingIsStored()
    {
        var token = await PartnerApi.TokenAsync(client, "cases.submit");
        var before = await hall.WithDbAsync(db => db.Cases.CountAsync(Cancel));
        var body = new ByteArrayContent(new byte[33 * MiB]) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } };

        var response = await PostAsync("/api/v1/cases", body, token);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Cancel);
        Assert.Equal("request.too_large", problem.GetProperty("code").GetString());
        Assert.Contains("32 MB", problem.GetProperty("detail").GetString());
        Assert.Equal(before, await hall.WithDbAsync(db => db.Cases.CountAsync(Cancel)));
        Assert.DoesNotContain(hall.Logs, line => line.StartsWith("Error ", StringComparison.Ordinal) || line.StartsWith("Critical ", StringComparison.Ordinal));
    }

    // The materials page takes up to 60 MB (a file over a material's own limit must reach its
    // check and message); beyond that the person is told the limit and given the way back.
    [Fact]
    public async Task UploadOverThePagesLimit_Is413_InChinese_WithTheWayBack()
    {
        var draft = $"/apply/drafts/{Guid.NewGuid()}/materials";
        using var tooLarge = new MultipartFormDataContent { { new ByteArrayContent(new byte[61 * MiB]), "upload", "扫描件.pdf" } };

        var response = await PostAsync(draft, tooLarge);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var page = await response.Content.ReadAsStringAsync(Cancel);
        Assert.Contains("提交的内容超过了 60 MB 的上限，没有保存任何内容", page);
        Assert.Contains($"href=\"{draft}\"", page);

        // The way back is offered only to the page that was matched: a crafted path (a "\\"
        // that a browser would read as another site) gets the refusal without any link.
        using var crafted = new MultipartFormDataContent { { new ByteArrayContent(new byte[33 * MiB]), "upload", "扫描件.pdf" } };
        var elsewhere = await PostAsync("/%5Cevil.example/x", crafted);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, elsewhere.StatusCode);
        var refused = await elsewhere.Content.ReadAsStringAsync(Cancel);
        Assert.Contains("提交的内容超过了 32 MB 的上限", refused);
        Assert.DoesNotContain("返回刚才的页面", refused);
        Assert.DoesNotContain("evil.example", refused);

        // Over the server's default but within the page's own limit, the request goes on (here,
        // to the sign-in the page asks for).
        using var withinThePage = new MultipartFormDataContent { { new ByteArrayContent(new byte[40 * MiB]), "upload", "扫描件.pdf" } };
        var signIn = await PostAsync(draft, withinThePage);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Contains("/account/signin", signIn.Headers.Location!.ToString());
    }
}
