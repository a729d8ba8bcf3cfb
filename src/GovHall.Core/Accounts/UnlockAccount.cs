using GovHall.Core.Messages;
using Microsoft.AspNetCore.Identity;

namespace GovHall.Core.Accounts;

// A person whose password guessing limits stop them (someone else guessed, or they mistyped)
// proves their phone (or, with no SMS channel, their mailbox) with a one-time code. The first
// step answers the same whether or not the account exists; the limits on codes apply.
public sealed class UnlockAccount(
    HallDbContext db, AccountLookup lookup, OneTimeCodes codes, IMessageSender messages, UserManager<Account> users)
{
    public async Task<Result<Guid>> StartAsync(string? identifier, string? askedFrom, CancellationToken cancellationToken)
    {
        var found = await CodeRecipient.FindAsync(lookup, messages, identifier, cancellationToken);
        if (!found.Succeeded)
        {
            return Result<Guid>.Fail(found.Errors);
        }

        var (person, destination, target) = found.Value!;
        var issued = await codes.IssueAsync(new OneTimeCodes.Request(CodePurpose.Unlock, person?.Id, null, target, askedFrom), cancellationToken);
        if (!issued.Succeeded)
        {
            return Result<Guid>.Fail(issued.Errors);
        }

        var (row, code) = issued.Value;
        if (destination is { } to)
        {
            messages.Add(new OutgoingMessage(row.Id.ToString("N"), to.Channel, to.To, "解锁账号验证码",
                $"您正在解锁网上政务大厅账号，验证码是 {code}，{OneTimeCodes.Lifetime.TotalMinutes:0} 分钟内有效。如非本人操作，说明有人在尝试您的密码，建议修改密码。"));
        }

        await db.SaveChangesAsync(cancellationToken);
        return row.Id;
    }

    // Answers the account the code was for; its Identity lockout (if any) is lifted.
    public async Task<Result<Account>> ConfirmAsync(Guid ticket, string? code, CancellationToken cancellationToken)
    {
        var used = await codes.UseAsync(ticket, CodePurpose.Unlock, code, cancellationToken);
        if (!used.Succeeded)
        {
            return Result<Account>.Fail(used.Errors);
        }

        var account = used.Value!.AccountId is { } id ? await users.FindByIdAsync(id.ToString()) : null;
        if (account is null)
        {
            return OneTimeCodes.Wrong;
        }

        await users.SetLockoutEndDateAsync(account, null);
        await users.ResetAccessFailedCountAsync(account);
        return account;
    }
}
