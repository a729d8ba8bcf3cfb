namespace GovHall.Core.Cases;

// How often one case's timeline may be asked for with phone digits in a day (China time),
// whoever asks and from however many addresses: the per-address rate limit alone would let
// the 10,000 possible digits be tried from a few hundred addresses in minutes. Counted only
// for codes that exist, which the code alone already reveals; an unknown code stays a plain
// "not found". Kept in the process, so a hall of several nodes allows this many per node.
public sealed class VerificationLimit(TimeProvider clock, int perDay)
{
    public const int DefaultPerDay = 20;

    private readonly Lock gate = new();
    private DateOnly day;
    private Dictionary<string, int> counts = new(StringComparer.Ordinal);

    public int PerDay { get; } = perDay;

    // Takes one try for the case; false when today's are used up.
    public bool TryTake(string trackingCode)
    {
        var today = ChinaDate.Today(clock);
        lock (gate)
        {
            if (today != day)
            {
                day = today;
                counts = new Dictionary<string, int>(StringComparer.Ordinal);
            }

            var used = counts.GetValueOrDefault(trackingCode);
            if (used >= PerDay)
            {
                return false;
            }

            counts[trackingCode] = used + 1;
            return true;
        }
    }

    // Until the next China midnight, when the count starts again.
    public TimeSpan UntilTomorrow()
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var tomorrow = ChinaDate.Of(now).AddDays(1).ToDateTime(TimeOnly.MinValue);
        return tomorrow - ChinaDate.ToChinaTime(now);
    }
}
