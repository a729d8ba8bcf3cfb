using System.Net;
using AngleSharp.Dom;
using GovHall.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace GovHall.Tests.Cases;

// A hall where one member of staff may open three masked fields an hour.
public class RevealHall(TestDatabase database) : HallFactory(database)
{
    protected override IReadOnlyDictionary<string, string?> ExtraSettings { get; } = new Dictionary<string, string?>
    {
        ["GovHall:Cases:RevealsPerHour"] = "3",
    };
}

public sealed class SqliteRevealHall() : RevealHall(TestDatabase.Sqlite);

public sealed class PostgresRevealHall() : RevealHall(TestDatabase.Postgres);

// Staff see personal data masked; a role that needs it opens one field of one case whole, with
// a reason, and the person sees every such reveal in 我的账号 (issue 22, part 3).
public abstract class RevealTests(RevealHall hall) : HallTest(hall)
{
    private const string Address = "上海市闵行区莘庄镇示例路 1 号";

    private static Task<HttpResponseMessage> RevealAsync(HttpClient staff, IDocument page, string field, string? reason, string? text = null)
    {
        var values = new Dictionary<string, string>();
        if (reason is not null)
        {
            values["reason"] = reason;
        }

        if (text is not null)
        {
            values["reasonText"] = text;
        }

        return Html.SubmitAsync(staff, page, $"details.reveal[data-field='{field}'] form", values);
    }

    private Task<int> RevealCountAsync() => Hall.WithDbAsync(db => db.PersonalDataReveals.CountAsync(Cancel));

    [Fact]
    public async Task Clerk_OpensTheAddressWithAReason_AndThePersonSeesEveryReveal()
    {
        var zhangsan = await Staff.SignInAsync(Hall, "zhangsan");
        var code = await TeacherApplication.SubmitAsync(Hall, zhangsan);
        var clerk = await Staff.SignInAsync(Hall, "clerk");
        var page = await Html.GetAsync(clerk, $"/staff/cases/{code}");
        Assert.DoesNotContain(Address, page.Text(), StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector("details.reveal[data-field='idNumber']"));
        Assert.NotNull(page.QuerySelector("details.reveal[data-field='phone']"));
        Assert.Null(page.QuerySelector("details.reveal[data-field='answer:subject']"));
        var before = await RevealCountAsync();

        // No reason, or "other" without one: refused, nothing shown, nothing recorded.
        foreach (var (reason, text) in new (string?, string?)[] { (null, null), ("Other", ""), ("Other", "x"), ("Bogus", null) })
        {
            var refused = await RevealAsync(clerk, page, "answer:address", reason, text);
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            var shown = await Html.ParseAsync(refused);
            Assert.Contains("请选择查看完整信息的原因", shown.QuerySelector("#problems")!.TextContent, StringComparison.Ordinal);
            Assert.Null(shown.QuerySelector("#revealed"));
            Assert.DoesNotContain(Address, shown.Text(), StringComparison.Ordinal);
        }

        Assert.Equal(before, await RevealCountAsync());

        var delivered = await RevealAsync(clerk, page, "answer:address", "Delivery");
        Assert.Equal(HttpStatusCode.OK, delivered.StatusCode);
        Assert.Contains("no-store", delivered.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
        var revealed = (await Html.ParseAsync(delivered)).QuerySelector("#revealed")!;
        Assert.Equal(Address, revealed.QuerySelector(".revealed-value")!.TextContent);
        Assert.Contains("送达", revealed.TextContent, StringComparison.Ordinal);
        var phone = await Html.ParseAsync(await RevealAsync(clerk, page, "phone", "Other", "补发证书前电话确认收件人"));
        Assert.Equal("13800000001", phone.QuerySelector("#revealed .revealed-value")!.TextContent);

        // Audited, without the value.
        var audit = await Hall.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(e => e.Action == "personal_data.revealed" && e.Target == code).ToListAsync(Cancel));
        Assert.Equal(2, audit.Count(e => e.Succeeded));
        Assert.Contains(audit, e => e.Detail == "通讯地址 (送达)");
        Assert.DoesNotContain(audit, e => (e.Detail ?? "").Contains(Address, StringComparison.Ordinal) || (e.Detail ?? "").Contains("13800000001", StringComparison.Ordinal));

        // 张三 sees both, newest first: when, which field, department, role and why.
        var mine = await Html.GetAsync(zhangsan, "/account/me");
        var records = await Html.GetAsync(zhangsan, mine.QuerySelector("#data-access-link")!.GetAttribute("href")!);
        var rows = records.QuerySelectorAll("#data-access tbody tr").Select(r => r.TextContent).Where(t => t.Contains(TrackingDisplay(code), StringComparison.Ordinal)).ToList();
        Assert.Equal(2, rows.Count);
        Assert.Contains("联系电话", rows[0], StringComparison.Ordinal);
        Assert.Contains("其他：补发证书前电话确认收件人", rows[0], StringComparison.Ordinal);
        Assert.Contains("通讯地址", rows[1], StringComparison.Ordinal);
        Assert.All(rows, row =>
        {
            Assert.Contains("行政审批科", row, StringComparison.Ordinal);
            Assert.Contains("窗口受理", row, StringComparison.Ordinal);
        });

        // Another person sees none of it.
        var lisi = await Staff.SignInAsync(Hall, "lisi");
        var theirs = await Html.GetAsync(lisi, "/account/me/data-access");
        Assert.DoesNotContain(TrackingDisplay(code), theirs.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Supervisor_MayNotOpen_AndFieldsThatAreNotPersonalCannotBeAskedFor()
    {
        var zhangsan = await Staff.SignInAsync(Hall, "zhangsan");
        var code = await TeacherApplication.SubmitAsync(Hall, zhangsan);
        var before = await RevealCountAsync();

        var supervisor = await Staff.SignInAsync(Hall, "supervisor");
        var seen = await Html.GetAsync(supervisor, $"/staff/cases/{code}");
        var refused = await RevealAsync(supervisor, seen, "idNumber", "IdentityCheck");
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        var page = await Html.ParseAsync(refused);
        Assert.Contains("你的岗位不能查看完整的个人信息", page.QuerySelector("#problems")!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("310112199001011233", page.Text(), StringComparison.Ordinal);

        var clerk = await Staff.SignInAsync(Hall, "clerk");
        var clerkPage = await Html.GetAsync(clerk, $"/staff/cases/{code}");
        foreach (var field in new[] { "answer:subject", "answer:nothing", "bogus", "" })
        {
            var wrong = await Html.SubmitAsync(clerk, clerkPage, "details.reveal[data-field='idNumber'] form",
                new Dictionary<string, string> { ["field"] = field, ["reason"] = "IdentityCheck" });
            Assert.Equal(HttpStatusCode.NotFound, wrong.StatusCode);
            Assert.Contains("没有可查看的该项信息", (await Html.ParseAsync(wrong)).QuerySelector("#problems")!.TextContent, StringComparison.Ordinal);
        }

        // Nothing was recorded.
        Assert.Equal(before, await RevealCountAsync());
    }

    [Fact]
    public async Task Reveals_AreLimitedPerMemberOfStaff()
    {
        var zhangsan = await Staff.SignInAsync(Hall, "zhangsan");
        var code = await TeacherApplication.SubmitAsync(Hall, zhangsan);
        var reviewer = await Staff.SignInAsync(Hall, "reviewer");
        var page = await Html.GetAsync(reviewer, $"/staff/cases/{code}");
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await RevealAsync(reviewer, page, "phone", "PhoneContact")).StatusCode);
        }

        var limited = await RevealAsync(reviewer, page, "phone", "PhoneContact");
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        var shown = await Html.ParseAsync(limited);
        Assert.Contains("一小时内已查看 3 项完整信息", shown.QuerySelector("#problems")!.TextContent, StringComparison.Ordinal);
        Assert.Null(shown.QuerySelector("#revealed"));
        Assert.Equal(3, await Hall.WithDbAsync(db => db.PersonalDataReveals.CountAsync(r => r.StaffName == "赵审核", Cancel)));
    }

    private static string TrackingDisplay(string code) => GovHall.Core.Cases.TrackingCode.Display(code);
}

public sealed class RevealTests_Sqlite(SqliteRevealHall hall) : RevealTests(hall), IClassFixture<SqliteRevealHall>;

public sealed class RevealTests_Postgres(PostgresRevealHall hall) : RevealTests(hall), IClassFixture<PostgresRevealHall>;
