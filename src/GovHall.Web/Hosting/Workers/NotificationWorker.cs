using GovHall.Core.Notifications;

namespace GovHall.Web.Hosting.Workers;

// A job that runs on every node at a configured interval (0 turns it off on this node), in a
// scope of its own, and logs a failure instead of stopping. Work that must happen once
// across nodes is made safe by the job itself (claims with leases, idempotency keys).
public abstract partial class PeriodicWorker(IServiceScopeFactory scopes, TimeProvider clock, ILogger logger) : BackgroundService
{
    protected abstract TimeSpan Interval { get; }

    protected abstract Task RunOnceAsync(IServiceProvider services, CancellationToken cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (Interval <= TimeSpan.Zero)
        {
            return;
        }

        using var timer = new PeriodicTimer(Interval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await RunOnceAsync(scope.ServiceProvider, stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogFailed(logger, GetType().Name, exception);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "{Worker} failed; it runs again on the next tick")]
    private static partial void LogFailed(ILogger logger, string worker, Exception exception);
}

// Sends due notifications (GovHall:Notifications:DispatchIntervalSeconds, default 5).
public sealed class NotificationWorker(IServiceScopeFactory scopes, IConfiguration configuration, TimeProvider clock, ILogger<NotificationWorker> logger)
    : PeriodicWorker(scopes, clock, logger)
{
    public static readonly string Node = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid().ToString("N")[..6]}";

    protected override TimeSpan Interval => TimeSpan.FromSeconds(configuration.GetValue("GovHall:Notifications:DispatchIntervalSeconds", 5));

    protected override async Task RunOnceAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var dispatcher = services.GetRequiredService<NotificationDispatcher>();
        while (await dispatcher.DispatchOnceAsync(Node, 50, cancellationToken) > 0)
        {
        }
    }
}

// Queues the scheduled reminders (GovHall:Notifications:ReminderIntervalMinutes, default 10).
public sealed class ReminderWorker(IServiceScopeFactory scopes, IConfiguration configuration, TimeProvider clock, ILogger<ReminderWorker> logger)
    : PeriodicWorker(scopes, clock, logger)
{
    protected override TimeSpan Interval => TimeSpan.FromMinutes(configuration.GetValue("GovHall:Notifications:ReminderIntervalMinutes", 10));

    protected override Task RunOnceAsync(IServiceProvider services, CancellationToken cancellationToken) =>
        services.GetRequiredService<Reminders>().RunAsync(cancellationToken);
}
