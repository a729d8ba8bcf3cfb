using System.Text.Json;
using GovHall.Core.Codes;
using GovHall.Core.Messages;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace GovHall.Core.Accounts;

// A person registers in two steps: the form, then the one-time code sent to their phone or
// mailbox. Nothing is created until the code is confirmed. The first step answers the same
// whether or not the ID number or phone is already registered (no account enumeration).
public sealed class RegisterPerson(
    HallDbContext db, PersonalData personal, OneTimeCodes codes, IMessageSender messages,
    UserManager<Account> users, AccountLookup lookup, TimeProvider clock)
{
    public sealed record Input(string? Name, string? IdNumber, string? Phone, string? Email, string? Password, MessageChannel Channel);

    private sealed record Payload(string Name, string IdNumber, string Phone, string? Email, string PasswordHash, MessageChannel Channel);

    public async Task<Result<Guid>> StartAsync(Input input, string? askedFrom, CancellationToken cancellationToken)
    {
        var errors = new List<Error>();
        var name = (input.Name ?? "").Trim();
        if (name.Length is < 2 or > 50)
        {
            errors.Add(new Error("account.name", "请填写 2 至 50 个字的姓名。", "Name"));
        }

        if (Codes.IdNumber.Problem(input.IdNumber) is { } idProblem)
        {
            errors.Add(new Error("account.id_number", idProblem, "IdNumber"));
        }

        if (!MobilePhone.IsValid(input.Phone))
        {
            errors.Add(new Error("account.phone", "请填写 11 位手机号码。", "Phone"));
        }

        var email = string.IsNullOrWhiteSpace(input.Email) ? null : input.Email.Trim();
        if (email is not null && (email.Length > 100 || !System.Net.Mail.MailAddress.TryCreate(email, out _)))
        {
            errors.Add(new Error("account.email", "电子邮箱格式不正确。", "Email"));
        }

        if (input.Channel == MessageChannel.Email && email is null)
        {
            errors.Add(new Error("account.email_required", "选择邮箱接收验证码时，请填写电子邮箱。", "Email"));
        }

        if (!messages.Channels.Contains(input.Channel))
        {
            errors.Add(new Error("account.channel", "暂不能通过该方式接收验证码，请选择其他方式。", "Channel"));
        }

        var probe = new Account { UserName = "probe" };
        foreach (var validator in users.PasswordValidators)
        {
            var checkedPassword = await validator.ValidateAsync(users, probe, input.Password ?? "");
            if (!checkedPassword.Succeeded)
            {
                errors.Add(new Error("account.password", PasswordRules, "Password"));
                break;
            }
        }

        if (errors.Count > 0)
        {
            return Result<Guid>.Fail(errors);
        }

        var idNumber = Codes.IdNumber.Normalize(input.IdNumber);
        var phone = MobilePhone.Normalize(input.Phone);
        var payload = new Payload(name, idNumber, phone, email, users.PasswordHasher.HashPassword(probe, input.Password!), input.Channel);
        return await SendCodeAsync(payload, personal.Protect(JsonSerializer.Serialize(payload)), askedFrom, cancellationToken);
    }

    // Another code for a registration not yet confirmed (the first did not arrive), within the
    // same limits; the details are not asked again. Answers the new registration's id.
    public async Task<Result<Guid>> ResendAsync(Guid registration, string? askedFrom, CancellationToken cancellationToken)
    {
        var open = await codes.FindOpenAsync(registration, CodePurpose.Registration, cancellationToken);
        if (open?.PayloadProtected is not { } sealedPayload)
        {
            return new Error("account.registration_gone", "注册信息已过期，请重新填写注册信息。");
        }

        var payload = JsonSerializer.Deserialize<Payload>(personal.Unprotect(sealedPayload))!;
        return await SendCodeAsync(payload, sealedPayload, askedFrom, cancellationToken);
    }

    private async Task<Result<Guid>> SendCodeAsync(Payload payload, string sealedPayload, string? askedFrom, CancellationToken cancellationToken)
    {
        var to = payload.Channel == MessageChannel.Email ? payload.Email! : payload.Phone;
        var issued = await codes.IssueAsync(new OneTimeCodes.Request(CodePurpose.Registration, null, sealedPayload, to, askedFrom), cancellationToken);
        if (!issued.Succeeded)
        {
            return Result<Guid>.Fail(issued.Errors);
        }

        var (row, code) = issued.Value;
        messages.Add(new OutgoingMessage(row.Id.ToString("N"), payload.Channel, to, "注册验证码",
            $"您的注册验证码是 {code}，{OneTimeCodes.Lifetime.TotalMinutes:0} 分钟内有效。如非本人操作，请忽略本消息。"));
        await db.SaveChangesAsync(cancellationToken);
        return row.Id;
    }

    public async Task<Result<Account>> ConfirmAsync(Guid registration, string? code, CancellationToken cancellationToken)
    {
        // The code is marked used in the same transaction that creates the account.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var used = await codes.UseAsync(registration, CodePurpose.Registration, code, cancellationToken);
        if (!used.Succeeded)
        {
            // A wrong guess must still count: keep the failure count.
            await transaction.CommitAsync(cancellationToken);
            return Result<Account>.Fail(used.Errors);
        }

        var payload = JsonSerializer.Deserialize<Payload>(personal.Unprotect(used.Value!.PayloadProtected!))!;
        var idIndex = lookup.IdNumberIndex(payload.IdNumber);
        var phoneIndex = lookup.PhoneIndex(payload.Phone);
        if (await db.Users.AnyAsync(a => a.IdNumberIndex == idIndex || a.PhoneIndex == phoneIndex, cancellationToken))
        {
            await transaction.CommitAsync(cancellationToken);
            return new Error("account.exists", "该身份证号码或手机号码已注册，请直接登录；忘记密码可以找回。");
        }

        var account = new Account
        {
            Id = Guid.CreateVersion7(),
            Kind = AccountKind.Person,
            UserName = "p" + Guid.NewGuid().ToString("N")[..16],
            DisplayName = payload.Name,
            Email = payload.Email,
            EmailConfirmed = payload.Channel == MessageChannel.Email,
            PhoneNumberConfirmed = false,
            PasswordHash = payload.PasswordHash,
            IdNumberProtected = personal.Protect(payload.IdNumber),
            IdNumberIndex = idIndex,
            PhoneProtected = personal.Protect(payload.Phone),
            PhoneIndex = phoneIndex,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };

        var created = await users.CreateAsync(account);
        if (!created.Succeeded)
        {
            return new Error("account.not_created", "注册未能完成，请重新注册。");
        }

        await transaction.CommitAsync(cancellationToken);
        return account;
    }

    public const string PasswordRules = "密码至少 8 位，须同时包含大写字母、小写字母、数字和符号。";
}
