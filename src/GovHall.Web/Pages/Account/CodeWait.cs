using GovHall.Core.Accounts;

namespace GovHall.Web.Pages.Account;

// How long a person must wait before asking for another code, for the confirm pages.
internal static class CodeWait
{
    public static async Task<int> SecondsAsync(OneTimeCodes codes, Guid codeId, TimeProvider clock, CancellationToken cancellationToken) =>
        await codes.NextAllowedAtAsync(codeId, cancellationToken) is { } next
            ? Math.Max(0, (int)Math.Ceiling((next - clock.GetUtcNow().UtcDateTime).TotalSeconds))
            : 0;
}

// The partial _ResendCode: the fields its form posts back (the code's id, the channel) and the wait.
public sealed record ResendCode(IReadOnlyDictionary<string, string> Fields, int WaitSeconds);
