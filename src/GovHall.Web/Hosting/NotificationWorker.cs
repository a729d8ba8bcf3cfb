using GovHall.Core.Notifications;

namespace GovHall.Web.Hosting;

// Runs the notification dispatcher every few seconds (GovHall:Notifications:DispatchIntervalSeconds;
// 0 turns it off on this node). Every node may run it: claims with leases keep them apart.
public sealed partial class NotificationWorker(IServiceScopeFactory scopes, IConfiguration configuration, TimeProvider clock, ILogger<NotificationWorker> logger)
    : BackgroundService
{
    public static readonly string Node = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid().ToString("N")[..6]}";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var seconds = configuration.GetValue("GovHall:Notifications:DispatchIntervalSeconds", 5);
        if (seconds <= 0)
        {
            return;
        }

        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(seconds), clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var dispatcher = scope.ServiceProvider.GetRequiredService<NotificationDispatcher>();
                while (await dispatcher.DispatchOnceAsync(Node, 50, stoppingToken) > 0)
                {
                }
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogFailed(logger, exception);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The notification dispatcher failed; it tries again on the next tick")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}

// Queues the scheduled reminders every few minutes (GovHall:Notifications:ReminderIntervalMinutes,
// default 10; 0 turns it off on this node). Each occasion is queued once, whichever node runs it.
public sealed partial class ReminderWorker(IServiceScopeFactory scopes, IConfiguration configuration, TimeProvider clock, ILogger<ReminderWorker> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var minutes = configuration.GetValue("GovHall:Notifications:ReminderIntervalMinutes", 10);
        if (minutes <= 0)
        {
            return;
        }

        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(minutes), clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<Reminders>().RunAsync(stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogFailed(logger, exception);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The reminders failed; they run again on the next tick")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
