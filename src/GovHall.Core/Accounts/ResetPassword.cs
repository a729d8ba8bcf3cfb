using GovHall.Core.Messages;
using Microsoft.AspNetCore.Identity;

namespace GovHall.Core.Accounts;

// A person who forgot the password gets a one-time code on the phone they registered. The
// first step answers the same whether or not the account exists; a reset ends every session.
public sealed class ResetPassword(
    HallDbContext db, AccountLookup lookup, OneTimeCodes codes, IMessageSender messages, UserManager<Account> users)
{
    public async Task<Guid> StartAsync(string? identifier, CancellationToken cancellationToken)
    {
        var account = string.IsNullOrWhiteSpace(identifier) ? null : await lookup.FindAsync(identifier, cancellationToken);
        var person = account is { Kind: AccountKind.Person } ? account : null;

        // Unknown accounts get a code row too (that can never match), so both answers look alike.
        var (row, code) = codes.Issue(CodePurpose.PasswordReset, person?.Id, null);
        await db.SaveChangesAsync(cancellationToken);
        if (person is not null && lookup.Reveal(person) is { Phone.Length: > 0 } revealed)
        {
            await messages.SendAsync(new OutgoingMessage(MessageChannel.Sms, revealed.Phone, "找回密码验证码",
                $"【闵行区教育局网上政务大厅】您正在找回密码，验证码是 {code}，{OneTimeCodes.Lifetime.TotalMinutes:0} 分钟内有效。如非本人操作，请勿将验证码告诉他人。"), cancellationToken);
        }

        return row.Id;
    }

    public async Task<Result<Account>> ConfirmAsync(Guid ticket, string? code, string? newPassword, CancellationToken cancellationToken)
    {
        // A password that breaks the rules is refused before the code is spent.
        var probe = new Account { UserName = "probe" };
        foreach (var validator in users.PasswordValidators)
        {
            if (!(await validator.ValidateAsync(users, probe, newPassword ?? "")).Succeeded)
            {
                return new Error("account.password", RegisterPerson.PasswordRules, "Password");
            }
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var used = await codes.UseAsync(ticket, CodePurpose.PasswordReset, code, cancellationToken);
        if (!used.Succeeded)
        {
            await transaction.CommitAsync(cancellationToken);
            return Result<Account>.Fail(used.Errors);
        }

        var account = used.Value!.AccountId is { } id ? await users.FindByIdAsync(id.ToString()) : null;
        if (account is null)
        {
            return OneTimeCodes.Wrong;
        }

        var token = await users.GeneratePasswordResetTokenAsync(account);
        var reset = await users.ResetPasswordAsync(account, token, newPassword!);
        if (!reset.Succeeded)
        {
            return new Error("account.password", RegisterPerson.PasswordRules, "Password");
        }

        await users.SetLockoutEndDateAsync(account, null);
        await users.ResetAccessFailedCountAsync(account);
        await SignOutEverywhere.RunAsync(db, users, account, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return account;
    }
}
