using System.Globalization;
using System.Threading.RateLimiting;
using GovHall.Core.Cases;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace GovHall.Web.Hosting.Http;

// Limits on the forms that attackers hammer: sign-in, registration (which sends codes) and
// password reset. Counted per client address, for POSTs only; 429 with Retry-After.
// GovHall:RateLimits:PerMinute sets how many posts a minute one address may make (default 10).
public static class RateLimits
{
    public const string Accounts = "accounts";

    // The one-code query, page and API, every method: guessing codes must stay slow.
    // GovHall:RateLimits:QueriesPerMinute (default 30 per address). And wrong guesses at one
    // case's phone digits a day (VerificationLimit): from one address,
    // GovHall:RateLimits:VerificationsPerAddressPerDay (default 5); from all addresses together,
    // GovHall:RateLimits:VerificationsPerCodePerDay (default 50).
    public const string CaseQuery = "case-query";

    private static readonly string[] LimitedPages =
        ["/Account/SignIn", "/Account/SignInTwoFactor", "/Account/Register", "/Account/RegisterConfirm", "/Account/Reset", "/Account/ResetConfirm",
            "/Account/Unlock", "/Account/Me/Organization", "/Account/Me/Password"];

    public static IServiceCollection AddHallRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var perMinute = configuration.GetValue("GovHall:RateLimits:PerMinute", 10);
        var queriesPerMinute = configuration.GetValue("GovHall:RateLimits:QueriesPerMinute", 30);
        var verificationsPerCode = configuration.GetValue("GovHall:RateLimits:VerificationsPerCodePerDay", VerificationLimit.DefaultPerDay);
        var verificationsPerAddress = configuration.GetValue("GovHall:RateLimits:VerificationsPerAddressPerDay", VerificationLimit.DefaultPerAddressPerDay);
        services.Replace(ServiceDescriptor.Singleton(new VerificationSettings(verificationsPerCode, verificationsPerAddress)));
        services.Replace(ServiceDescriptor.Singleton(new GovHall.Core.Accounts.SignInLimitSettings(
            configuration.GetValue("GovHall:RateLimits:PasswordsPerAddress", 5), configuration.GetValue("GovHall:RateLimits:PasswordsPerAccountPerDay", 30))));
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.AddPolicy(Accounts, context => HttpMethods.IsPost(context.Request.Method)
                ? RateLimitPartition.GetFixedWindowLimiter(
                    context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 })
                : RateLimitPartition.GetNoLimiter("reads"));
            limiter.AddPolicy(CaseQuery, context => RateLimitPartition.GetFixedWindowLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = queriesPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
            limiter.OnRejected = async (rejected, cancellationToken) =>
            {
                var seconds = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? (int)Math.Ceiling(retryAfter.TotalSeconds) : 60;
                rejected.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                await Problems.WriteAsync(rejected.HttpContext, StatusCodes.Status429TooManyRequests, "rate_limited", $"操作太频繁，请 {seconds} 秒后再试。");
            };
        });
        return services;
    }

    public static void Apply(Microsoft.AspNetCore.Mvc.ApplicationModels.PageConventionCollection conventions)
    {
        conventions.AddPageApplicationModelConvention("/Query", model => model.EndpointMetadata.Add(new EnableRateLimitingAttribute(CaseQuery)));
        conventions.AddPageApplicationModelConvention("/QueryUnlock", model => model.EndpointMetadata.Add(new EnableRateLimitingAttribute(CaseQuery)));
        conventions.AddPageApplicationModelConvention("/Certificates/Verify", model => model.EndpointMetadata.Add(new EnableRateLimitingAttribute(CaseQuery)));
        foreach (var page in LimitedPages)
        {
            conventions.AddPageApplicationModelConvention(page, model => model.EndpointMetadata.Add(new EnableRateLimitingAttribute(Accounts)));
        }
    }
}
