using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace GovHall.Tests.Infrastructure;

// Every test request comes from loopback; a test names another client address with this
// header, as a trusted proxy's X-Forwarded-For would (guessing limits count by address).
public sealed class TestClientAddress : IStartupFilter
{
    public const string Header = "X-Test-Client";

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((context, proceed) =>
        {
            if (IPAddress.TryParse(context.Request.Headers[Header].ToString(), out var address))
            {
                context.Connection.RemoteIpAddress = address;
            }

            return proceed(context);
        });
        next(app);
    };

    public static HttpClient From(HallFactory hall, string address)
    {
        var client = hall.CreateBrowserLikeClient();
        client.DefaultRequestHeaders.Add(Header, address);
        return client;
    }
}
