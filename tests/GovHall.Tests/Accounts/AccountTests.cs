using System.Net;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using GovHall.Core.Accounts;
using GovHall.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GovHall.Tests.Accounts;

public abstract partial class AccountTests(HallFactory hall) : HallTest(hall)
{
    private const string Password = "Secret#2026a";

    private static (string IdNumber, string Phone) NewPerson() => PersonalValues.NewPerson();

    private async Task<string> LatestCodeAsync(string to)
    {
        var mailbox = await Html.GetAsync(Client, $"/dev/mailbox?to={Uri.EscapeDataString(to)}");
        var body = mailbox.QuerySelector("#mailbox tbody tr td.message-body")?.TextContent ?? "";
        return SixDigits().Match(body).Value;
    }

    private static async Task<HttpResponseMessage> StartRegistrationAsync(HttpClient client, string idNumber, string phone, string name = "王小明")
    {
        var page = await Html.GetAsync(client, "/account/register");
        return await Html.SubmitAsync(client, page, "main form", new Dictionary<string, string>
        {
            ["Name"] = name, ["IdNumber"] = idNumber, ["Phone"] = phone, ["Password"] = Password, ["ConfirmPassword"] = Password, ["Channel"] = "Sms",
        });
    }

    private static async Task<HttpResponseMessage> ConfirmAsync(HttpClient client, string confirmUrl, string code)
    {
        var page = await Html.GetAsync(client, confirmUrl);
        return await Html.SubmitAsync(client, page, "main form", new Dictionary<string, string> { ["Code"] = code });
    }

    private Task<bool> AccountExistsAsync(string idNumber)
    {
        return Hall.WithDbAsync(async db =>
        {
            var all = await db.Users.Where(u => u.IdNumberProtected != null).ToListAsync(Cancel);
            await using var scope = Hall.Services.CreateAsyncScope();
            var lookup = scope.ServiceProvider.GetRequiredService<AccountLookup>();
            var index = lookup.IdNumberIndex(idNumber);
            return all.Any(u => u.IdNumberIndex == index);
        });
    }

    [Fact]
    public async Task Register_ConfirmedByCode_SignsInAndShowsTheProfileMasked()
    {
        var (idNumber, phone) = NewPerson();
        var started = await StartRegistrationAsync(Client, idNumber, phone);
        Assert.Equal(HttpStatusCode.Redirect, started.StatusCode);
        Assert.False(await AccountExistsAsync(idNumber));

        var code = await LatestCodeAsync(phone);
        Assert.Matches("^[0-9]{6}$", code);
        var confirmed = await ConfirmAsync(Client, started.Headers.Location!.OriginalString, code);
        Assert.Equal("/account/me", confirmed.Headers.Location?.OriginalString);

        var profile = await Html.GetAsync(Client, "/account/me");
        Assert.Equal($"{idNumber[..3]}***********{idNumber[14..]}", profile.QuerySelector("#id-number")!.TextContent);
        Assert.Equal($"{phone[..3]}****{phone[7..]}", profile.QuerySelector("#phone")!.TextContent);
        Assert.DoesNotContain(idNumber, profile.Source.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(phone, profile.Source.Text, StringComparison.Ordinal);

        // At rest: neither value appears in any column of the account row.
        var index = await Hall.WithDbAsync(async db =>
        {
            await using var scope = Hall.Services.CreateAsyncScope();
            return scope.ServiceProvider.GetRequiredService<AccountLookup>().IdNumberIndex(idNumber);
        });
        var row = await Hall.WithDbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.IdNumberIndex == index, Cancel));
        var stored = string.Join("|", row.IdNumberProtected, row.IdNumberIndex, row.PhoneProtected, row.PhoneIndex, row.PhoneNumber, row.UserName, row.Email);
        Assert.DoesNotContain(idNumber, stored, StringComparison.Ordinal);
        Assert.DoesNotContain(phone, stored, StringComparison.Ordinal);

        // A person can sign in by phone or by ID number.
        foreach (var identifier in new[] { phone, idNumber })
        {
            var client = Hall.CreateBrowserLikeClient();
            var signIn = await Html.GetAsync(client, "/account/signin");
            var response = await Html.SubmitAsync(client, signIn, "main form", new Dictionary<string, string> { ["UserName"] = identifier, ["Password"] = Password });
            Assert.Equal("/", response.Headers.Location?.OriginalString);
        }

        Assert.DoesNotContain(Hall.Logs, line => line.Contains(idNumber, StringComparison.Ordinal) || line.Contains(phone, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("310112199001011234", "校验码不正确")]
    [InlineData("31011219900101123", "应为 18 位")]
    [InlineData("310112199013011233", "格式不正确")]
    public async Task Register_BadIdNumber_SaysWhatIsWrongAndCreatesNothing(string idNumber, string message)
    {
        var (_, phone) = NewPerson();
        var response = await StartRegistrationAsync(Client, idNumber, phone);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await Html.ParseAsync(response);
        Assert.Contains(message, page.QuerySelector("#IdNumber")!.ParentElement!.TextContent, StringComparison.Ordinal);
        Assert.Equal("", await LatestCodeAsync(phone));
    }

    [Fact]
    public async Task Confirm_WrongReusedOrExpiredCode_IsRefusedAndCreatesNothing()
    {
        var (idNumber, phone) = NewPerson();
        var started = await StartRegistrationAsync(Client, idNumber, phone);
        var confirmUrl = started.Headers.Location!.OriginalString;
        var code = await LatestCodeAsync(phone);
        var wrong = code == "000000" ? "111111" : "000000";

        var refused = await Html.ParseAsync(await ConfirmAsync(Client, confirmUrl, wrong));
        Assert.Contains("验证码不正确", refused.Text(), StringComparison.Ordinal);
        Assert.False(await AccountExistsAsync(idNumber));

        // Expired: the clock of the code row is moved back.
        await Hall.WithDbAsync(db => db.OneTimeCodes.ExecuteUpdateAsync(s => s.SetProperty(c => c.ExpiresAt, TimeProvider.System.GetUtcNow().UtcDateTime.AddMinutes(-1)), Cancel));
        var expired = await Html.ParseAsync(await ConfirmAsync(Client, confirmUrl, code));
        Assert.Contains("验证码已过期", expired.Text(), StringComparison.Ordinal);
        Assert.False(await AccountExistsAsync(idNumber));

        // Reused: a fresh registration, confirmed once, then the same code again.
        var (idNumber2, phone2) = NewPerson();
        var again = await StartRegistrationAsync(Hall.CreateBrowserLikeClient(), idNumber2, phone2);
        var code2 = await LatestCodeAsync(phone2);
        Assert.Equal(HttpStatusCode.Redirect, (await ConfirmAsync(Hall.CreateBrowserLikeClient(), again.Headers.Location!.OriginalString, code2)).StatusCode);
        var reused = await Html.ParseAsync(await ConfirmAsync(Hall.CreateBrowserLikeClient(), again.Headers.Location!.OriginalString, code2));
        Assert.Contains("验证码已使用过", reused.Text(), StringComparison.Ordinal);
        Assert.True(await AccountExistsAsync(idNumber2));
    }

    [Fact]
    public async Task Confirm_ManyWrongGuessesAtOnce_CountEveryOneAndLockTheCode()
    {
        var (idNumber, phone) = NewPerson();
        var started = await StartRegistrationAsync(Client, idNumber, phone);
        var confirmUrl = started.Headers.Location!.OriginalString;
        var code = await LatestCodeAsync(phone);
        var wrongs = Enumerable.Range(0, 12).Select(i => ((int.Parse(code, System.Globalization.CultureInfo.InvariantCulture) + 1 + i) % 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture));
        await Task.WhenAll(wrongs.Select(async wrong => await ConfirmAsync(Hall.CreateBrowserLikeClient(), confirmUrl, wrong)));

        var right = await Html.ParseAsync(await ConfirmAsync(Hall.CreateBrowserLikeClient(), confirmUrl, code));
        Assert.Contains("验证码输错次数过多", right.Text(), StringComparison.Ordinal);
        Assert.False(await AccountExistsAsync(idNumber));
    }

    [Fact]
    public async Task Register_AlreadyRegisteredIdNumber_AnswersLikeANewOne()
    {
        var fresh = await StartRegistrationAsync(Hall.CreateBrowserLikeClient(), NewPerson().IdNumber, NewPerson().Phone);
        var taken = await StartRegistrationAsync(Hall.CreateBrowserLikeClient(), "310112199001011233", NewPerson().Phone);
        Assert.Equal(fresh.StatusCode, taken.StatusCode);
        Assert.StartsWith("/account/register/confirm?registration=", taken.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignIn_UnknownAndWrongPassword_AnswerAlike()
    {
        async Task<(HttpStatusCode, string)> TryAsync(string user)
        {
            var client = Hall.CreateBrowserLikeClient();
            var page = await Html.GetAsync(client, "/account/signin");
            var response = await Html.SubmitAsync(client, page, "main form", new Dictionary<string, string> { ["UserName"] = user, ["Password"] = "Wrong#password1" });
            return (response.StatusCode, (await Html.ParseAsync(response)).QuerySelector(".validation-summary-errors")!.TextContent.Trim());
        }

        var unknown = await TryAsync("13911112222");
        Assert.Equal(unknown, await TryAsync("13800000002"));
        Assert.Equal(unknown, await TryAsync("310112198506152344"));
        Assert.Equal(unknown, await TryAsync("nobody"));
    }

    [Fact]
    public async Task SignIn_AfterFiveWrongPasswords_ThatAddressIsStoppedEvenForTheRightOne()
    {
        var (idNumber, phone) = NewPerson();
        var started = await StartRegistrationAsync(Hall.CreateBrowserLikeClient(), idNumber, phone);
        await ConfirmAsync(Hall.CreateBrowserLikeClient(), started.Headers.Location!.OriginalString, await LatestCodeAsync(phone));

        async Task<HttpResponseMessage> TryAsync(string password)
        {
            var client = Hall.CreateBrowserLikeClient();
            var page = await Html.GetAsync(client, "/account/signin");
            return await Html.SubmitAsync(client, page, "main form", new Dictionary<string, string> { ["UserName"] = phone, ["Password"] = password });
        }

        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await TryAsync("Wrong#pass" + i)).StatusCode);
        }

        var locked = await TryAsync(Password);
        Assert.Equal(HttpStatusCode.OK, locked.StatusCode);
        Assert.Contains("账号暂时被锁定", (await Html.ParseAsync(locked)).Text(), StringComparison.Ordinal);
        Assert.True(await Hall.WithDbAsync(db => db.AuditEntries.AnyAsync(e => e.Action == "account.signin_failed" && e.Detail == "guesses from this address", Cancel)));
    }

    [Fact]
    public async Task PasswordReset_KnownAndUnknownAnswerAlike_AndTheResetEndsOtherSessions()
    {
        var (idNumber, phone) = NewPerson();
        var started = await StartRegistrationAsync(Client, idNumber, phone);
        await ConfirmAsync(Client, started.Headers.Location!.OriginalString, await LatestCodeAsync(phone));
        Assert.Equal(HttpStatusCode.OK, (await Client.GetAsync("/account/me", Cancel)).StatusCode);

        async Task<HttpResponseMessage> StartResetAsync(HttpClient client, string identifier)
        {
            var page = await Html.GetAsync(client, "/account/reset");
            return await Html.SubmitAsync(client, page, "main form", new Dictionary<string, string> { ["Identifier"] = identifier });
        }

        // One code per phone a minute: the registration code was the last one to this phone.
        var clock = ((ClockHall)Hall).Clock;
        clock.Advance(OneTimeCodes.Spacing);
        var other = Hall.CreateBrowserLikeClient();
        var unknown = await StartResetAsync(other, "13922223333");
        var known = await StartResetAsync(other, idNumber);
        Assert.Equal(unknown.StatusCode, known.StatusCode);
        Assert.Equal(unknown.Headers.Location!.OriginalString.Split('=')[0], known.Headers.Location!.OriginalString.Split('=')[0]);

        var code = await LatestCodeAsync(phone);
        var confirm = await Html.GetAsync(other, known.Headers.Location!.OriginalString);
        var weak = await Html.SubmitAsync(other, confirm, "main form", new Dictionary<string, string> { ["Code"] = code, ["Password"] = "short" });
        Assert.Contains("密码至少 8 位", (await Html.ParseAsync(weak)).Text(), StringComparison.Ordinal);

        // Asked again too soon: refused with the wait, and nothing is sent.
        var tooSoon = await StartResetAsync(other, phone);
        Assert.Equal(HttpStatusCode.OK, tooSoon.StatusCode);
        Assert.Matches(@"验证码已发送，请 \d+ 秒后再重新获取", (await Html.ParseAsync(tooSoon)).Text());
        Assert.Equal(code, await LatestCodeAsync(phone));

        clock.Advance(OneTimeCodes.Spacing);
        var secondCode = await StartResetAsync(other, phone);
        code = await LatestCodeAsync(phone);
        confirm = await Html.GetAsync(other, secondCode.Headers.Location!.OriginalString);
        var done = await Html.SubmitAsync(other, confirm, "main form", new Dictionary<string, string> { ["Code"] = code, ["Password"] = "Changed#2026b" });
        Assert.Equal("/account/signin", done.Headers.Location?.OriginalString);

        // The session opened before the reset is over.
        var after = await Client.GetAsync("/account/me", Cancel);
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.StartsWith("/account/signin", after.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignOutEverywhere_EndsEverySessionOfTheAccount()
    {
        var first = await Staff.SignInAsync(Hall, "lisi");
        var second = await Staff.SignInAsync(Hall, "lisi");
        Assert.Equal(HttpStatusCode.OK, (await second.GetAsync("/account/me", Cancel)).StatusCode);
        var profile = await Html.GetAsync(first, "/account/me");
        var signedOut = await Html.SubmitAsync(first, profile, "form[action*='handler=SignOutEverywhere']");
        Assert.Equal("/account/signin", signedOut.Headers.Location?.OriginalString);
        var response = await second.GetAsync("/account/me", Cancel);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    [Fact]
    public async Task Staff_WithWrongTotp_IsRefused()
    {
        var client = Hall.CreateBrowserLikeClient();
        var page = await Html.GetAsync(client, "/account/signin");
        var password = await Html.SubmitAsync(client, page, "main form", new Dictionary<string, string> { ["UserName"] = "reviewer", ["Password"] = Staff.Password });
        Assert.StartsWith("/account/signin/two-factor", password.Headers.Location!.OriginalString, StringComparison.Ordinal);
        var second = await Html.GetAsync(client, password.Headers.Location.OriginalString);
        var wrong = Staff.CurrentTotp() == "000000" ? "111111" : "000000";
        var refused = await Html.SubmitAsync(client, second, "main form", new Dictionary<string, string> { ["Code"] = wrong });
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("动态码不正确", (await Html.ParseAsync(refused)).Text(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/account/me", Cancel)).StatusCode);
    }

    [Fact]
    public async Task SystemAdministrator_CreatesAReviewer_WhoMustEnrollATotpAtFirstSignIn()
    {
        var admin = await Staff.SignInAsync(Hall, "admin");
        var form = await Html.GetAsync(admin, "/system/staff/new");
        var userName = "rev" + Guid.NewGuid().ToString("N")[..6];
        var department = form.QuerySelectorAll("#DepartmentId option").First(o => o.TextContent == "行政审批科").GetAttribute("value")!;
        var created = await Html.SubmitAsync(admin, form, "main form.stacked", new Dictionary<string, string>
        {
            ["UserName"] = userName, ["DisplayName"] = "新审核员", ["DepartmentId"] = department, ["SelectedRoles"] = Roles.Reviewer, ["InitialPassword"] = "Initial#2026x",
        });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var staffList = await Html.GetAsync(admin, "/system");
        Assert.Contains(userName, staffList.QuerySelector("#staff")!.TextContent, StringComparison.Ordinal);

        // First sign-in: password only leads to the enrolment page, nothing else.
        var reviewer = Hall.CreateBrowserLikeClient();
        var signIn = await Html.GetAsync(reviewer, "/account/signin");
        var first = await Html.SubmitAsync(reviewer, signIn, "main form", new Dictionary<string, string> { ["UserName"] = userName, ["Password"] = "Initial#2026x" });
        Assert.Equal("/account/me/two-factor", first.Headers.Location?.OriginalString);
        var enrol = await Html.GetAsync(reviewer, "/account/me/two-factor");
        var key = enrol.QuerySelector("#shared-key")!.TextContent.Replace(" ", "", StringComparison.Ordinal);
        Assert.NotNull(enrol.QuerySelector("img[src^='data:image/png;base64,']"));
        var code = new OtpNet.Totp(OtpNet.Base32Encoding.ToBytes(key)).ComputeTotp();
        var enrolled = await Html.SubmitAsync(reviewer, enrol, "main form", new Dictionary<string, string> { ["Code"] = code });
        var recovery = (await Html.ParseAsync(enrolled)).QuerySelectorAll("#recovery-codes li").Select(li => li.TextContent.Trim()).ToList();
        Assert.Equal(10, recovery.Count);

        // A recovery code replaces the authenticator once.
        var later = Hall.CreateBrowserLikeClient();
        var again = await Html.SubmitAsync(later, await Html.GetAsync(later, "/account/signin"), "main form", new Dictionary<string, string> { ["UserName"] = userName, ["Password"] = "Initial#2026x" });
        var twoFactor = await Html.GetAsync(later, again.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, (await Html.SubmitAsync(later, twoFactor, "main form", new Dictionary<string, string> { ["Code"] = recovery[0] })).StatusCode);

        var audit = await Hall.WithDbAsync(db => db.AuditEntries.Where(e => e.Target == userName || e.Actor == userName).Select(e => e.Action).ToListAsync(Cancel));
        Assert.Contains("staff.created", audit);
        Assert.Contains("account.two_factor_enabled", audit);
    }

    [Fact]
    public async Task SystemAdministrator_LocksAndChangesRoles_AndEveryActionIsAudited()
    {
        var admin = await Staff.SignInAsync(Hall, "admin");
        var approver = await Staff.SignInAsync(Hall, "approver");
        Assert.Equal(HttpStatusCode.OK, (await approver.GetAsync("/account/me", Cancel)).StatusCode);
        var list = await Html.GetAsync(admin, "/system");
        var link = list.QuerySelectorAll("#staff a").First(a => a.TextContent == "approver").GetAttribute("href")!;

        var page = await Html.GetAsync(admin, link);
        var locked = await Html.SubmitAsync(admin, page, "form[action*='handler=Lock']");
        Assert.Equal(HttpStatusCode.Redirect, locked.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await approver.GetAsync("/account/me", Cancel)).StatusCode);
        var client = Hall.CreateBrowserLikeClient();
        var refused = await Html.SubmitAsync(client, await Html.GetAsync(client, "/account/signin"), "main form",
            new Dictionary<string, string> { ["UserName"] = "approver", ["Password"] = Staff.Password });
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);

        page = await Html.GetAsync(admin, link);
        await Html.SubmitAsync(admin, page, "form[action*='handler=Unlock']");
        page = await Html.GetAsync(admin, link);
        var saved = await Html.SubmitAsync(admin, page, "main form.stacked", new Dictionary<string, string> { ["SelectedRoles"] = Roles.Supervisor });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        var audit = await Hall.WithDbAsync(db => db.AuditEntries.Where(e => e.Target == "approver").ToListAsync(Cancel));
        Assert.Contains(audit, e => e.Action == "staff.locked" && e.Actor == "admin");
        Assert.Contains(audit, e => e.Action == "staff.unlocked");
        Assert.Contains(audit, e => e.Action == "staff.roles_changed" && e.Detail == "Approver -> Supervisor");

        var csv = await admin.GetAsync("/system/audit?handler=Export&actor=admin", Cancel);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        Assert.Contains("staff.locked", await csv.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AuditLog_RefusesUpdatesAndDeletesInTheDatabase()
    {
        await Staff.SignInAsync(Hall, "clerk");
        await Assert.ThrowsAnyAsync<Exception>(() => Hall.WithDbAsync(db => db.AuditEntries.ExecuteUpdateAsync(s => s.SetProperty(e => e.Actor, "mallory"), Cancel)));
        await Assert.ThrowsAnyAsync<Exception>(() => Hall.WithDbAsync(db => db.AuditEntries.ExecuteDeleteAsync(Cancel)));
        Assert.True(await Hall.WithDbAsync(db => db.AuditEntries.AnyAsync(e => e.Actor == "clerk" && e.Action == "account.signin", Cancel)));
    }

    [GeneratedRegex("[0-9]{6}")]
    private static partial Regex SixDigits();
}

public sealed class AccountTests_Sqlite(SqliteClockHall hall) : AccountTests(hall), IClassFixture<SqliteClockHall>;

public sealed class AccountTests_Postgres(PostgresClockHall hall) : AccountTests(hall), IClassFixture<PostgresClockHall>;
