using GovHall.Core.Notifications;

namespace GovHall.Web.Hosting.Workers;

// Sends due notifications (GovHall:Notifications:DispatchIntervalSeconds, default 5), and at
// once when this node has just queued a one-time code (DispatchSignal).
public sealed class NotificationWorker(
    IServiceScopeFactory scopes, IConfiguration configuration, DispatchSignal signal, TimeProvider clock, ILogger<NotificationWorker> logger)
    : PeriodicWorker(scopes, clock, logger)
{
    public static readonly string Node = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid().ToString("N")[..6]}";

    protected override TimeSpan Interval => TimeSpan.FromSeconds(configuration.GetValue("GovHall:Notifications:DispatchIntervalSeconds", 5));

    protected override Task WaitAsync(TimeSpan interval, TimeProvider time, CancellationToken cancellationToken) =>
        signal.WaitAsync(interval, time, cancellationToken);

    protected override async Task RunOnceAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var dispatcher = services.GetRequiredService<NotificationDispatcher>();
        while (await dispatcher.DispatchOnceAsync(Node, 50, cancellationToken) > 0)
        {
        }
    }
}
