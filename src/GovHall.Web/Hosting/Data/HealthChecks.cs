using GovHall.Core;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace GovHall.Web.Hosting.Data;

// Ready means the database answers and its schema is the one this build expects.
internal sealed class MigrationsCurrentCheck(HallDbContext db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        return pending.Count == 0
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy($"{pending.Count} migration(s) not applied; run 'GovHall.Web migrate'.");
    }
}

// Whether one-time codes can leave the hall (registration and password reset need them). With
// no SMS or mail channel the node still serves (Degraded, 200), and says what is missing.
internal sealed class CodeChannelsCheck(IServiceScopeFactory scopes) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var channels = scope.ServiceProvider.GetRequiredService<GovHall.Core.Messages.IMessageSender>().Channels;
        return channels.Count > 0
            ? HealthCheckResult.Healthy($"one-time codes by {string.Join(", ", channels.Order())}")
            : HealthCheckResult.Degraded(
                "No SMS or mail channel is configured (GovHall:Notifications:Sms, GovHall:Notifications:Mail): registration and password reset are closed.");
    }
}

// The answer of /health/ready: the overall status, then each check with what it found, as JSON.
internal static class HealthAnswer
{
    public static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        return context.Response.WriteAsJsonAsync(new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), description = e.Value.Description }),
        });
    }
}
