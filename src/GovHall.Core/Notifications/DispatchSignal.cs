namespace GovHall.Core.Notifications;

// Wakes this node's dispatcher at once when something that cannot wait for its next round
// (a one-time code) has been committed to the outbox. Pulses while the dispatcher is busy
// are kept as one, so the round after the busy one still runs.
public sealed class DispatchSignal
{
    private readonly System.Threading.Channels.Channel<bool> pulses =
        System.Threading.Channels.Channel.CreateBounded<bool>(new System.Threading.Channels.BoundedChannelOptions(1)
        {
            FullMode = System.Threading.Channels.BoundedChannelFullMode.DropWrite,
        });

    public void Pulse() => pulses.Writer.TryWrite(true);

    // Ends when pulsed (true) or when the wait is over (false).
    public async Task<bool> WaitAsync(TimeSpan wait, TimeProvider clock, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(wait, clock);
        using var either = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken);
        try
        {
            return await pulses.Reader.ReadAsync(either.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }
}
