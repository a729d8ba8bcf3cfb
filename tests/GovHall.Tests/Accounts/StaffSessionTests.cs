using System.Net;
using GovHall.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace GovHall.Tests.Accounts;

// A hall that re-checks every session's security stamp on every request, as the real one does
// once a minute, so what a re-check does to a session shows at once.
public sealed class InstantStampHall() : HallFactory(TestDatabase.Sqlite)
{
    protected override void ConfigureTestServices(IServiceCollection services) =>
        services.PostConfigure<SecurityStampValidatorOptions>(stamp => stamp.ValidationInterval = TimeSpan.Zero);
}

public sealed class StaffSessionTests(InstantStampHall hall) : HallTest(hall), IClassFixture<InstantStampHall>
{
    [Fact]
    public async Task SecondFactor_SurvivesTheSecurityStampRecheck()
    {
        var catalog = await Staff.SignInAsync(Hall, "catalog");
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await catalog.GetAsync("/admin", Cancel)).StatusCode);
        }
    }

    [Fact]
    public async Task RoleChange_EndsTheSessionsOfThatPerson()
    {
        var admin = await Staff.SignInAsync(Hall, "admin");
        var supervisor = await Staff.SignInAsync(Hall, "supervisor");
        Assert.Equal(HttpStatusCode.OK, (await supervisor.GetAsync("/account/me", Cancel)).StatusCode);

        var list = await Html.GetAsync(admin, "/system");
        var link = list.QuerySelectorAll("#staff a").First(a => a.TextContent == "supervisor").GetAttribute("href")!;
        var page = await Html.GetAsync(admin, link);
        var saved = await Html.SubmitAsync(admin, page, "main form.stacked", new Dictionary<string, string> { ["SelectedRoles"] = "Reviewer" });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await supervisor.GetAsync("/account/me", Cancel)).StatusCode);
    }

    [Fact]
    public async Task SystemAdministrator_CannotLockThemselves_ButCanResetAnotherPassword()
    {
        var admin = await Staff.SignInAsync(Hall, "admin");
        var list = await Html.GetAsync(admin, "/system");
        var self = await Html.GetAsync(admin, list.QuerySelectorAll("#staff a").First(a => a.TextContent == "admin").GetAttribute("href")!);
        var refused = await Html.SubmitAsync(admin, self, "form[action*='handler=Lock']");
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("不能对自己的账号", (await Html.ParseAsync(refused)).Text(), StringComparison.Ordinal);

        var clerkPage = await Html.GetAsync(admin, list.QuerySelectorAll("#staff a").First(a => a.TextContent == "clerk").GetAttribute("href")!);
        var reset = await Html.SubmitAsync(admin, clerkPage, "form[action*='handler=ResetPassword']");
        var shown = await Html.GetAsync(admin, reset.Headers.Location!.OriginalString);
        var temporary = System.Text.RegularExpressions.Regex.Match(shown.QuerySelector(".notice.ok")!.TextContent, "临时密码：(\\S+)").Groups[1].Value;
        Assert.Equal(13, temporary.Length);

        var clerk = Hall.CreateBrowserLikeClient();
        var signIn = await Html.SubmitAsync(clerk, await Html.GetAsync(clerk, "/account/signin"), "main form",
            new Dictionary<string, string> { ["UserName"] = "clerk", ["Password"] = temporary });
        Assert.StartsWith("/account/signin/two-factor", signIn.Headers.Location!.OriginalString, StringComparison.Ordinal);
        var second = await Html.GetAsync(clerk, signIn.Headers.Location.OriginalString);
        await Html.SubmitAsync(clerk, second, "main form", new Dictionary<string, string> { ["Code"] = Staff.CurrentTotp() });

        // The clerk replaces the temporary password with their own.
        var change = await Html.GetAsync(clerk, "/account/me/password");
        var wrong = await Html.SubmitAsync(clerk, change, "main form", new Dictionary<string, string> { ["Current"] = "not-it", ["New"] = "Clerk#Own2026" });
        Assert.Contains("当前密码不正确", (await Html.ParseAsync(wrong)).Text(), StringComparison.Ordinal);
        var changed = await Html.SubmitAsync(clerk, change, "main form", new Dictionary<string, string> { ["Current"] = temporary, ["New"] = "Clerk#Own2026" });
        Assert.Equal("/account/me", changed.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await clerk.GetAsync("/account/me", Cancel)).StatusCode);
    }
}

public sealed class HousekeepingTests(SqliteHall hall) : HallTest(hall), IClassFixture<SqliteHall>
{
    [Fact]
    public async Task Housekeeping_RemovesExpiredSessionsAndOldCodesOnly()
    {
        var now = TimeProvider.System.GetUtcNow().UtcDateTime;
        await Hall.WithDbAsync(async db =>
        {
            db.AuthSessions.Add(new GovHall.Core.Accounts.AuthSession { Id = "expired-" + Guid.NewGuid().ToString("N"), Ticket = [1], CreatedAt = now.AddDays(-2), ExpiresAt = now.AddHours(-1) });
            db.AuthSessions.Add(new GovHall.Core.Accounts.AuthSession { Id = "live-" + Guid.NewGuid().ToString("N"), Ticket = [1], CreatedAt = now, ExpiresAt = now.AddHours(1) });
            db.OneTimeCodes.Add(new GovHall.Core.Accounts.OneTimeCode { CodeHash = "x", CreatedAt = now.AddDays(-3), ExpiresAt = now.AddDays(-2) });
            db.OneTimeCodes.Add(new GovHall.Core.Accounts.OneTimeCode { CodeHash = "y", CreatedAt = now, ExpiresAt = now.AddMinutes(-5) });
            return await db.SaveChangesAsync(Cancel);
        });

        var housekeeping = Hall.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<GovHall.Web.Hosting.Workers.Housekeeping>().Single();
        await housekeeping.RunOnceAsync(Cancel);

        Assert.False(await Hall.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.AnyAsync(db.AuthSessions, s => s.Id.StartsWith("expired-"), Cancel)));
        Assert.True(await Hall.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.AnyAsync(db.AuthSessions, s => s.Id.StartsWith("live-"), Cancel)));
        Assert.False(await Hall.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.AnyAsync(db.OneTimeCodes, c => c.CodeHash == "x", Cancel)));
        Assert.True(await Hall.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.AnyAsync(db.OneTimeCodes, c => c.CodeHash == "y", Cancel)));
    }
}
