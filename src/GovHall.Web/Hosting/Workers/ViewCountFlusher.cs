using GovHall.Core;
using GovHall.Core.Catalog;

namespace GovHall.Web.Hosting.Workers;

internal sealed class ViewCountFlusher(IServiceScopeFactory scopes, ViewCounter counter, TimeProvider clock, ILogger<ViewCountFlusher> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(10), clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await FlushAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException)
        {
        }

        await FlushAsync(CancellationToken.None);
    }

    private async Task FlushAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await counter.FlushAsync(scope.ServiceProvider.GetRequiredService<HallDbContext>(), cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // View counts are a convenience; losing a few is better than stopping the hall.
            logger.LogWarning(ex, "Could not write guide view counts");
        }
    }
}
