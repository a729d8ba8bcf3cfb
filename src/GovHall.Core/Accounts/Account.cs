using Microsoft.AspNetCore.Identity;

namespace GovHall.Core.Accounts;

// A sign-in account: a person (citizen, parent, teacher, or the agent of an organisation) or a
// member of staff. A person's ID number and phone number are kept encrypted, with blind
// indexes for exact lookup; Identity's own PhoneNumber column is never used.
public sealed class Account : IdentityUser<Guid>
{
    public AccountKind Kind { get; set; }
    public string DisplayName { get; set; } = "";
    public Guid? DepartmentId { get; set; }
    public string? IdNumberProtected { get; set; }
    public string? IdNumberIndex { get; set; }
    public string? PhoneProtected { get; set; }
    public string? PhoneIndex { get; set; }

    // True when someone vouched that the ID number belongs to this person (the unified identity,
    // or a counter check); a self-registered ID number is only known to be well-formed.
    public bool IdNumberVerified { get; set; }
    public DateTime CreatedAt { get; set; }
}

public enum AccountKind { Person, Staff }

public static class Roles
{
    public const string WindowClerk = "WindowClerk";
    public const string Reviewer = "Reviewer";
    public const string Approver = "Approver";
    public const string Supervisor = "Supervisor";
    public const string CatalogAdministrator = "CatalogAdministrator";
    public const string SystemAdministrator = "SystemAdministrator";

    public static readonly IReadOnlyList<string> All =
        [WindowClerk, Reviewer, Approver, Supervisor, CatalogAdministrator, SystemAdministrator];

    public static string Label(string role) => role switch
    {
        WindowClerk => "窗口受理",
        Reviewer => "审核",
        Approver => "审批",
        Supervisor => "监察",
        CatalogAdministrator => "事项管理",
        SystemAdministrator => "系统管理",
        _ => role,
    };
}

public sealed class Department
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public required string Name { get; set; }
    public DateTime CreatedAt { get; init; }
}

// A signed-in browser session. The cookie carries only the session id; the ticket lives here,
// so every node sees the same sessions and "sign out everywhere" ends them at once.
public sealed class AuthSession
{
    public required string Id { get; init; }
    public Guid AccountId { get; set; }
    public required byte[] Ticket { get; set; }
    public DateTime CreatedAt { get; init; }
    public DateTime? ExpiresAt { get; set; }
}

// A one-time code sent to a phone or mailbox: only its keyed hash is stored; it expires, is
// used once, and dies after a few wrong guesses. A registration keeps its (encrypted) form
// here until the code confirms it, so nothing is created before that.
public sealed class OneTimeCode
{
    public const int MaxAttempts = 5;

    public Guid Id { get; init; } = Guid.CreateVersion7();
    public CodePurpose Purpose { get; init; }
    public Guid? AccountId { get; init; }
    public string? PayloadProtected { get; init; }

    // Blind indexes of where the code went (a phone or mailbox) and of the address that asked
    // for it: the limits against SMS bombing count by them.
    public string? TargetIndex { get; init; }
    public string? AskedFromIndex { get; init; }
    public required string CodeHash { get; init; }
    public DateTime CreatedAt { get; init; }
    public DateTime ExpiresAt { get; init; }
    public DateTime? UsedAt { get; set; }
    public int FailedAttempts { get; set; }
}

public enum CodePurpose { Registration, PasswordReset, Unlock }
