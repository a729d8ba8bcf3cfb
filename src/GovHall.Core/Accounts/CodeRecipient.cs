using GovHall.Core.Codes;
using GovHall.Core.Messages;

namespace GovHall.Core.Accounts;

// Whom a code asked for by what a person typed (a phone or ID number) goes to: the person's
// registered phone by SMS, or with no SMS channel their registered mailbox; nobody for an
// unknown account, whose code row still counts against the limits by what was typed, so both
// answers look alike (password reset, unlocking).
internal sealed record CodeRecipient(Account? Person, (MessageChannel Channel, string To)? Destination, string Target)
{
    public static readonly Error MissingIdentifier = new("account.identifier", "请填写身份证号码或手机号码。", "Identifier");

    public static async Task<Result<CodeRecipient>> FindAsync(AccountLookup lookup, IMessageSender messages, string? identifier, CancellationToken cancellationToken)
    {
        var typed = (identifier ?? "").Trim();
        if (typed.Length is 0 or > 100)
        {
            return MissingIdentifier;
        }

        var account = await lookup.FindAsync(typed, cancellationToken);
        var person = account is { Kind: AccountKind.Person } ? account : null;
        var revealed = person is null ? null : lookup.Reveal(person);
        (MessageChannel Channel, string To)? destination =
            messages.Channels.Contains(MessageChannel.Sms) && revealed is { Phone.Length: > 0 } known ? (MessageChannel.Sms, known.Phone)
            : messages.Channels.Contains(MessageChannel.Email) && person?.Email is { Length: > 0 } email ? (MessageChannel.Email, email)
            : null;
        var target = destination?.To ?? (MobilePhone.IsValid(typed) ? MobilePhone.Normalize(typed) : typed);
        return new CodeRecipient(person, destination, target);
    }
}
