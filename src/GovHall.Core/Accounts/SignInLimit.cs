namespace GovHall.Core.Accounts;

// How often a person's password may be guessed wrong. Counted by the asking address and the
// account together (PerAddress in a quarter of an hour): an address that guesses wrong is
// stopped for that account, while the right password from anywhere else still signs in. Wrong
// guesses from all addresses together are capped per day (PerDay), so that a password cannot
// be tried from many addresses; the owner gets past both with a one-time code (UnlockAccount),
// on the device that proved the phone. Staff accounts keep Identity's lockout, which an
// administrator lifts. A right password gives its places back.
public sealed class SignInLimit(GuessCounts counts, PersonalData personal, TimeProvider clock, SignInLimitSettings settings)
{
    public enum Outcome { Taken, AddressLimited, AccountLimited }

    public sealed record Guess(Outcome Outcome, string AddressKey, string AccountKey);

    public async Task<Guess> TakeAsync(Guid accountId, string? address, CancellationToken cancellationToken)
    {
        var china = ChinaDate.ToChinaTime(clock.GetUtcNow().UtcDateTime);
        var quarter = ((china.Hour * 60) + china.Minute) / 15;
        var from = address is { Length: > 0 } ? personal.Index("client-address", address)[..16] : "-";
        var addressKey = counts.KeyOf("signin", accountId.ToString("N"), "q" + quarter.ToString(System.Globalization.CultureInfo.InvariantCulture), from);
        var accountKey = counts.KeyOf("signin", accountId.ToString("N"));
        if (await counts.TakeAsync(addressKey, cancellationToken) > settings.PerAddress)
        {
            await counts.GiveBackAsync(addressKey, cancellationToken);
            return new Guess(Outcome.AddressLimited, addressKey, accountKey);
        }

        if (await counts.TakeAsync(accountKey, cancellationToken) > settings.PerDay)
        {
            await counts.GiveBackAsync(accountKey, cancellationToken);
            await counts.GiveBackAsync(addressKey, cancellationToken);
            return new Guess(Outcome.AccountLimited, addressKey, accountKey);
        }

        return new Guess(Outcome.Taken, addressKey, accountKey);
    }

    public async Task GiveBackAsync(Guess guess, CancellationToken cancellationToken)
    {
        await counts.GiveBackAsync(guess.AccountKey, cancellationToken);
        await counts.GiveBackAsync(guess.AddressKey, cancellationToken);
    }
}

// GovHall:RateLimits:PasswordsPerAddress (default 5 wrong in a quarter of an hour from one
// address) and GovHall:RateLimits:PasswordsPerAccountPerDay (default 30 from all addresses).
public sealed record SignInLimitSettings(int PerAddress = 5, int PerDay = 30);
