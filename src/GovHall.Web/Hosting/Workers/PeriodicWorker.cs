namespace GovHall.Web.Hosting.Workers;

// A job that runs on every node at a configured interval (0 turns it off on this node), in a
// scope of its own, and logs a failure instead of stopping. Work that must happen once
// across nodes is made safe by the job itself (claims with leases, idempotency keys).
public abstract partial class PeriodicWorker(IServiceScopeFactory scopes, TimeProvider clock, ILogger logger) : BackgroundService
{
    protected abstract TimeSpan Interval { get; }

    protected abstract Task RunOnceAsync(IServiceProvider services, CancellationToken cancellationToken);

    // Until the next round: the interval, unless a worker has a reason to start sooner.
    protected virtual Task WaitAsync(TimeSpan interval, TimeProvider time, CancellationToken cancellationToken) =>
        Task.Delay(interval, time, cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (Interval <= TimeSpan.Zero)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await WaitAsync(Interval, clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }

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
