using System.Net;
using AngleSharp.Dom;
using GovHall.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GovHall.Tests.Hosting;

// Every request arrives from 10.0.0.5, as through the district's gateway.
public class BehindProxyHall(bool trusted) : HallFactory(TestDatabase.Sqlite)
{
    protected override IReadOnlyDictionary<string, string?> ExtraSettings => trusted
        ? new Dictionary<string, string?> { ["GovHall:ReverseProxy:KnownProxies"] = "10.0.0.5" }
        : new Dictionary<string, string?>();

    protected override void ConfigureTestServices(IServiceCollection services) =>
        services.AddSingleton<IStartupFilter, FromGateway>();

    private sealed class FromGateway : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, proceed) =>
            {
                context.Connection.RemoteIpAddress = IPAddress.Parse("10.0.0.5");
                return proceed(context);
            });
            next(app);
        };
    }
}

public sealed class TrustedProxyHall() : BehindProxyHall(trusted: true);

public sealed class UntrustedProxyHall() : BehindProxyHall(trusted: false);

public abstract class ReverseProxyTests(HallFactory hall, string expectedAddress) : HallTest(hall)
{
    [Fact]
    public async Task FailedSignIn_IsAuditedWithTheAddressTheProxyVouchesFor()
    {
        var page = await Html.GetAsync(Client, "/account/signin");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/account/signin");
        request.Headers.Add("X-Forwarded-For", "203.0.113.7");
        var token = page.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("main form input[name=__RequestVerificationToken]")!.Value;
        request.Content = new FormUrlEncodedContent([new("UserName", "13911119999"), new("Password", "Wrong#pass1"), new("__RequestVerificationToken", token)]);
        Assert.Equal(HttpStatusCode.OK, (await Client.SendAsync(request, Cancel)).StatusCode);

        var addresses = await Hall.WithDbAsync(db => db.AuditEntries.Where(e => e.Action == "account.signin_failed").Select(e => e.Address).ToListAsync(Cancel));
        Assert.Contains(expectedAddress, addresses);
    }
}

public sealed class TrustedProxyTests(TrustedProxyHall hall) : ReverseProxyTests(hall, "203.0.113.7"), IClassFixture<TrustedProxyHall>;

public sealed class UntrustedProxyTests(UntrustedProxyHall hall) : ReverseProxyTests(hall, "10.0.0.5"), IClassFixture<UntrustedProxyHall>;
