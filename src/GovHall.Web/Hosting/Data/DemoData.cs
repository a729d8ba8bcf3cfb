using GovHall.Core;
using GovHall.Core.Accounts;
using GovHall.Core.Catalog;
using GovHall.Core.Storage;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace GovHall.Web.Hosting.Data;

// Seeds the demo catalog (through the same import administrators use) and the demo accounts
// of README.md#demo-accounts. Runs only with GovHall:Demo=true, and only into an empty catalog.
public static class DemoData
{
    public const string Password = "Demo#2026";
    public const string Actor = "system";

    // Published in README.md#demo-accounts so that `oathtool --totp -b JBSWY3DPEHPK3PXP` gives the code.
    public const string TotpSecret = "JBSWY3DPEHPK3PXP";

    private static readonly (string UserName, string DisplayName, string? Department, string[] Roles)[] StaffAccounts =
    [
        ("clerk", "王窗口", "行政审批科", [Roles.WindowClerk]),
        ("reviewer", "赵审核", "行政审批科", [Roles.Reviewer]),
        ("approver", "钱审批", "行政审批科", [Roles.Approver]),
        ("supervisor", "孙监察", "监察室", [Roles.Supervisor]),
        ("catalog", "周事项", "行政审批科", [Roles.CatalogAdministrator]),
        ("admin", "吴管理", "信息中心", [Roles.SystemAdministrator]),
    ];

    // Demo ID numbers with valid GB 11643 check digits; no real person has them on record here.
    public static readonly (string UserName, string DisplayName, string IdNumber, string Phone)[] PersonAccounts =
    [
        ("zhangsan", "张三", "310112199001011233", "13800000001"),
        ("lisi", "李四", "310112198506152344", "13800000002"),
    ];

    public static async Task SeedAsync(IServiceProvider services, ILogger logger, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var provider = scope.ServiceProvider;
        await SeedAccountsAsync(provider, cancellationToken);
        var db = provider.GetRequiredService<HallDbContext>();
        if (await db.ServiceItems.AnyAsync(cancellationToken))
        {
            return;
        }

        var folder = Path.Combine(AppContext.BaseDirectory, "Demo");
        var storeFile = provider.GetRequiredService<StoreFile>();
        foreach (var path in Directory.EnumerateFiles(Path.Combine(folder, "files")))
        {
            var stored = await storeFile.RunAsync(await File.ReadAllBytesAsync(path, cancellationToken), cancellationToken);
            if (!stored.Succeeded)
            {
                throw new InvalidOperationException($"Demo file {Path.GetFileName(path)} was refused: {stored.Errors[0].Message}");
            }
        }

        var import = provider.GetRequiredService<ImportCatalog>();
        var (summary, errors) = await import.RunAsync(
            await File.ReadAllBytesAsync(Path.Combine(folder, "catalog.json"), cancellationToken),
            new PublicationNote("演示数据初始化：发布闵行区教育局政务服务事项实施清单（演示）。", "《上海市闵行区教育局政务服务事项实施清单》（演示数据，见 docs/demo-catalog-notes.md）"),
            Actor, null, cancellationToken);
        if (summary is null)
        {
            throw new InvalidOperationException(
                "The demo catalog does not import: " + string.Join("; ", errors.Take(5).Select(e => $"line {e.Line} {e.Path}: {e.Message}")));
        }

        logger.LogInformation("Demo catalog seeded with {Count} items", summary.Created);
    }

    private static async Task SeedAccountsAsync(IServiceProvider provider, CancellationToken cancellationToken)
    {
        // The roles themselves are made at every start (StartupTasks).
        var db = provider.GetRequiredService<HallDbContext>();
        var clock = provider.GetRequiredService<TimeProvider>();
        var users = provider.GetRequiredService<UserManager<Account>>();
        var personal = provider.GetRequiredService<PersonalData>();
        var lookup = provider.GetRequiredService<AccountLookup>();
        foreach (var (userName, displayName, department, accountRoles) in StaffAccounts)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (await users.FindByNameAsync(userName) is not null)
            {
                continue;
            }

            var departmentId = department is null ? (Guid?)null : await DepartmentAsync(db, department, clock, cancellationToken);
            var account = new Account
            {
                Id = Guid.CreateVersion7(), Kind = AccountKind.Staff, UserName = userName, DisplayName = displayName,
                DepartmentId = departmentId, CreatedAt = clock.GetUtcNow().UtcDateTime,
            };
            Check(await users.CreateAsync(account, Password), userName);
            Check(await users.AddToRolesAsync(account, accountRoles), userName);
            Check(await users.SetAuthenticationTokenAsync(account, "[AspNetUserStore]", "AuthenticatorKey", TotpSecret), userName);
            Check(await users.SetTwoFactorEnabledAsync(account, true), userName);
        }

        foreach (var (userName, displayName, idNumber, phone) in PersonAccounts)
        {
            if (await users.FindByNameAsync(userName) is not null)
            {
                continue;
            }

            var account = new Account
            {
                Id = Guid.CreateVersion7(), Kind = AccountKind.Person, UserName = userName, DisplayName = displayName,
                IdNumberProtected = personal.Protect(idNumber), IdNumberIndex = lookup.IdNumberIndex(idNumber),
                PhoneProtected = personal.Protect(phone), PhoneIndex = lookup.PhoneIndex(phone), PhoneNumberConfirmed = true,
                IdNumberVerified = true,
                Email = $"{userName}@example.com", EmailConfirmed = true,
                CreatedAt = clock.GetUtcNow().UtcDateTime,
            };
            Check(await users.CreateAsync(account, Password), userName);
        }

        // 李四 administers a demo private school (a valid GB 32100 check character, no real unit).
        if (!await db.Organizations.AnyAsync(o => o.CreditCode == DemoSchoolCreditCode, cancellationToken)
            && await users.FindByNameAsync("lisi") is { } lisi)
        {
            // The bureau holds the school in its list of institutions: the registration is verified at once.
            var imported = await provider.GetRequiredService<OrganizationVerification>().ImportAsync(
                $"{DemoSchoolCreditCode},上海市闵行区启明民办学校（演示）,李四", Actor, cancellationToken);
            if (!imported.Succeeded)
            {
                throw new InvalidOperationException("Demo institution list: " + imported.Errors[0].Message);
            }

            var registered = await provider.GetRequiredService<Organizations>().RegisterAsync(
                lisi, new Organizations.Input("上海市闵行区启明民办学校（演示）", DemoSchoolCreditCode, "李四"), cancellationToken);
            if (!registered.Succeeded)
            {
                throw new InvalidOperationException("Demo organisation: " + registered.Errors[0].Message);
            }
        }
    }

    public const string DemoSchoolCreditCode = "52310112MJ4782133B";

    private static async Task<Guid> DepartmentAsync(HallDbContext db, string name, TimeProvider clock, CancellationToken cancellationToken)
    {
        var existing = await db.Departments.SingleOrDefaultAsync(d => d.Name == name, cancellationToken);
        if (existing is not null)
        {
            return existing.Id;
        }

        var department = new Department { Name = name, CreatedAt = clock.GetUtcNow().UtcDateTime };
        db.Departments.Add(department);
        await db.SaveChangesAsync(cancellationToken);
        return department.Id;
    }

    private static void Check(IdentityResult result, string userName)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Demo account {userName}: {string.Join("; ", result.Errors.Select(e => e.Description))}");
        }
    }
}
