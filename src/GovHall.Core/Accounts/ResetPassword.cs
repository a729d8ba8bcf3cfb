using GovHall.Core.Messages;
using Microsoft.AspNetCore.Identity;

namespace GovHall.Core.Accounts;

// A person who forgot the password gets a one-time code on the phone they registered (or, with
// no SMS channel, in the mailbox they registered). The first step answers the same whether or
// not the account exists, and the limits on codes count alike for both; a reset ends every
// session.
public sealed class ResetPassword(
    HallDbContext db, PersonalData personal, AccountLookup lookup, OneTimeCodes codes, IMessageSender messages, UserManager<Account> users)
{
    public async Task<Result<Guid>> StartAsync(string? identifier, string? askedFrom, CancellationToken cancellationToken)
    {
        var found = await CodeRecipient.FindAsync(lookup, messages, identifier, cancellationToken);
        if (!found.Succeeded)
        {
            return Result<Guid>.Fail(found.Errors);
        }

        var (person, destination, target) = found.Value!;
        var typed = identifier!.Trim();
        var issued = await codes.IssueAsync(
            new OneTimeCodes.Request(CodePurpose.PasswordReset, person?.Id, personal.Protect(typed), target, askedFrom), cancellationToken);
        if (!issued.Succeeded)
        {
            return Result<Guid>.Fail(issued.Errors);
        }

        var (row, code) = issued.Value;
        if (destination is { } to)
        {
            messages.Add(new OutgoingMessage(row.Id.ToString("N"), to.Channel, to.To, "找回密码验证码",
                $"您正在找回密码，验证码是 {code}，{OneTimeCodes.Lifetime.TotalMinutes:0} 分钟内有效。如非本人操作，请勿将验证码告诉他人。"));
        }

        await db.SaveChangesAsync(cancellationToken);
        return row.Id;
    }

    // Another code for a reset not yet done, within the same limits.
    public async Task<Result<Guid>> ResendAsync(Guid ticket, string? askedFrom, CancellationToken cancellationToken) =>
        await codes.FindOpenAsync(ticket, CodePurpose.PasswordReset, cancellationToken) is { PayloadProtected: { } typed }
            ? await StartAsync(personal.Unprotect(typed), askedFrom, cancellationToken)
            : new Error("account.reset_gone", "找回密码的申请已过期，请重新填写。");

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
