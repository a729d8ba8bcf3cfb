namespace GovHall.Core.Cases;

// How often a case's phone digits may be guessed wrong in a day (China time). Counted by the
// asking address and the case together (PerAddressPerDay): one address that guesses wrong is
// stopped for that case, while the right digits from anywhere else still open the timeline.
// Wrong guesses at one case from all addresses together are capped too (PerDay), so that the
// 10,000 possible digits cannot be tried from a few hundred addresses; a case locked so is
// opened by its owner with a one-time code sent to the case's phone (QueryUnlock). Counted only
// for codes that exist, which the code alone already reveals; an unknown code stays a plain
// "not found". A right guess gives its places back.
public sealed class VerificationLimit(GuessCounts counts, VerificationSettings settings)
{
    public const int DefaultPerDay = 50;
    public const int DefaultPerAddressPerDay = 5;

    public int PerDay => settings.PerDay;
    public int PerAddressPerDay => settings.PerAddressPerDay;

    public enum Outcome { Taken, AddressLimited, CaseLimited }

    // The places one guess holds: given back when the guess is right.
    public sealed record Guess(Outcome Outcome, string AddressKey, string CaseKey);

    public async Task<Guess> TakeAsync(string trackingCode, string? addressIndex, CancellationToken cancellationToken)
    {
        var addressKey = counts.KeyOf("case", trackingCode, addressIndex is { Length: > 16 } a ? a[..16] : addressIndex ?? "-");
        var caseKey = counts.KeyOf("case", trackingCode);
        if (await counts.TakeAsync(addressKey, cancellationToken) > PerAddressPerDay)
        {
            await counts.GiveBackAsync(addressKey, cancellationToken);
            return new Guess(Outcome.AddressLimited, addressKey, caseKey);
        }

        if (await counts.TakeAsync(caseKey, cancellationToken) > PerDay)
        {
            await counts.GiveBackAsync(caseKey, cancellationToken);
            await counts.GiveBackAsync(addressKey, cancellationToken);
            return new Guess(Outcome.CaseLimited, addressKey, caseKey);
        }

        return new Guess(Outcome.Taken, addressKey, caseKey);
    }

    public async Task GiveBackAsync(Guess guess, CancellationToken cancellationToken)
    {
        await counts.GiveBackAsync(guess.CaseKey, cancellationToken);
        await counts.GiveBackAsync(guess.AddressKey, cancellationToken);
    }

    public TimeSpan UntilTomorrow() => counts.UntilTomorrow();
}

public sealed record VerificationSettings(int PerDay, int PerAddressPerDay = VerificationLimit.DefaultPerAddressPerDay);
