using GovHall.Core.Notifications;

namespace GovHall.Web.Hosting.Workers;

// Queues the scheduled reminders (GovHall:Notifications:ReminderIntervalMinutes, default 10).
public sealed class ReminderWorker(IServiceScopeFactory scopes, IConfiguration configuration, TimeProvider clock, ILogger<ReminderWorker> logger)
    : PeriodicWorker(scopes, clock, logger)
{
    protected override TimeSpan Interval => TimeSpan.FromMinutes(configuration.GetValue("GovHall:Notifications:ReminderIntervalMinutes", 10));

    protected override Task RunOnceAsync(IServiceProvider services, CancellationToken cancellationToken) =>
        services.GetRequiredService<Reminders>().RunAsync(cancellationToken);
}
