using GovHall.Core;
using GovHall.Core.Accounts;
using GovHall.Core.Audit;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace GovHall.Web.Hosting.Startup;

public static class StartupTasks
{
    // Every start: the roles exist, and the personal-data key is the one the data was encrypted with.
    public static async Task<string?> RunAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HallDbContext>();
        if ((await db.Database.GetPendingMigrationsAsync(cancellationToken)).Any())
        {
            // MigrateOnStart=false and the schema is behind: /health/ready says so; checks wait.
            return null;
        }

        await GovHall.Core.Calendar.OfficialCalendars.EnsureAsync(db, scope.ServiceProvider.GetRequiredService<TimeProvider>(), cancellationToken);

        // Cases accepted before deadlines were counted provisionally have none: count them now.
        await scope.ServiceProvider.GetRequiredService<GovHall.Core.Cases.RecountDeadlines>().RunAsync(
            await scope.ServiceProvider.GetRequiredService<GovHall.Core.Calendar.WorkCalendar>().LoadAsync(cancellationToken), unknownOnly: true, cancellationToken);
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole<Guid>>>();
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                await roles.CreateAsync(new IdentityRole<Guid>(role) { Id = Guid.CreateVersion7() });
            }
        }

        return await PersonalDataKeyCheck.VerifyAsync(db, scope.ServiceProvider.GetRequiredService<PersonalData>(), cancellationToken)
            ? null
            : $"The personal-data key ({PersonalDataKey.Setting}, or the key file in the data folder) is not the one this database was encrypted with. Restore the right key; a new key cannot read the stored ID and phone numbers.";
    }

    // `GovHall.Web create-admin NAME`, password in GOVHALL_ADMIN_PASSWORD: the first system
    // administrator of a new hall (later ones are created on /system). A second factor is set up
    // at the first sign-in.
    public static async Task<string?> CreateAdministratorAsync(IServiceProvider services, string? userName, string? password, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(userName) || string.IsNullOrEmpty(password)
            || !System.Text.RegularExpressions.Regex.IsMatch(userName, "^[A-Za-z][A-Za-z0-9._-]{2,49}$"))
        {
            return "usage: GovHall.Web create-admin USERNAME (a letter, then 2 to 49 letters, digits, '.', '_' or '-'), with the password in the environment variable GOVHALL_ADMIN_PASSWORD";
        }

        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<Account>>();
        var account = new Account
        {
            Id = Guid.CreateVersion7(), Kind = AccountKind.Staff, UserName = userName.Trim(), DisplayName = userName.Trim(),
            CreatedAt = scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime,
        };
        var created = await users.CreateAsync(account, password);
        if (!created.Succeeded)
        {
            return "The administrator was not created: " + string.Join(" ", created.Errors.Select(e => e.Description));
        }

        await users.AddToRoleAsync(account, Roles.SystemAdministrator);
        await scope.ServiceProvider.GetRequiredService<AuditLog>().WriteAsync("cli", "staff.created", account.UserName, "roles: SystemAdministrator", null, true, cancellationToken);
        return null;
    }
}
