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
