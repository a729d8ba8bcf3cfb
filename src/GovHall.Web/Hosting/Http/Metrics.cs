using System.Security.Cryptography;
using System.Text;
using GovHall.Core;
using Microsoft.AspNetCore.Http.Features;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace GovHall.Web.Hosting.Http;

// /metrics in the Prometheus text format, for the operator's monitoring (OpenTelemetry's
// Prometheus exporter): ASP.NET Core's request durations by route and status, Kestrel's
// connections, the rate limiter's refusals, unhandled exceptions, EF Core, Npgsql, the runtime
// (collections, thread pool, memory) and the hall's own (HallMetrics: cases made and
// answered again, message tries). Off unless GovHall:Metrics:Token is set; a scrape sends it
// as a bearer token. No metric carries a person's data (docs/operations.md#metrics lists
// every kind of label).
public static class Metrics
{
    public const string TokenSetting = "GovHall:Metrics:Token";
    public const int MinimumTokenLength = 32;

    public static string? TokenOf(IConfiguration configuration) =>
        configuration[TokenSetting] is { Length: > 0 } token ? token : null;

    public static void Check(IConfiguration configuration, List<string> failures)
    {
        if (TokenOf(configuration) is { } token && (token.Length < MinimumTokenLength || token.Any(char.IsWhiteSpace)))
        {
            failures.Add($"{TokenSetting}: the metrics token must be at least {MinimumTokenLength} characters, without spaces.");
        }
    }

    public static IServiceCollection AddHallMetrics(this IServiceCollection services, IConfiguration configuration)
    {
        if (TokenOf(configuration) is null)
        {
            return services;
        }

        services.AddOpenTelemetry().ConfigureResource(resource => resource.AddService("govhall")).WithMetrics(metrics => metrics
            .AddMeter(
                HallMetrics.MeterName,
                "Microsoft.AspNetCore.Hosting",
                "Microsoft.AspNetCore.Server.Kestrel",
                "Microsoft.AspNetCore.RateLimiting",
                "Microsoft.AspNetCore.Diagnostics",
                "Microsoft.EntityFrameworkCore",
                "Npgsql",
                "System.Runtime")
            .AddPrometheusExporter());
        return services;
    }

    public static IApplicationBuilder UseHallMetrics(this WebApplication app)
    {
        if (TokenOf(app.Configuration) is not { } token)
        {
            return app;
        }

        var expected = SHA256.HashData(Encoding.UTF8.GetBytes(token));
        return app.MapWhen(context => context.Request.Path == "/metrics", branch =>
        {
            branch.Use(async (context, next) =>
            {
                // A scrape is not one of the hall's requests: it is left out of their durations.
                if (context.Features.Get<IHttpMetricsTagsFeature>() is { } tags)
                {
                    tags.MetricsDisabled = true;
                }

                if (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method))
                {
                    context.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
                    context.Response.Headers.Allow = "GET, HEAD";
                    return;
                }

                var given = context.Request.Headers.Authorization.ToString();
                var presented = given.StartsWith("Bearer ", StringComparison.Ordinal) ? given["Bearer ".Length..].Trim() : "";
                if (!CryptographicOperations.FixedTimeEquals(expected, SHA256.HashData(Encoding.UTF8.GetBytes(presented))))
                {
                    context.Response.Headers.WWWAuthenticate = "Bearer";
                    await Problems.Of(StatusCodes.Status401Unauthorized, "auth.token_invalid", "请在 Authorization 请求头中给出监控令牌（Bearer）。").ExecuteAsync(context);
                    return;
                }

                await next(context);
            });
            branch.UseOpenTelemetryPrometheusScrapingEndpoint();
        });
    }
}
