using Microsoft.AspNetCore.Identity;

namespace GovHall.Core.Accounts;

// A sign-in account. This first cut serves staff; the accounts issue adds persons,
// organisations, second factors and encrypted personal data.
public sealed class Account : IdentityUser<Guid>
{
    public string DisplayName { get; set; } = "";
    public string? Department { get; set; }
}

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
}
