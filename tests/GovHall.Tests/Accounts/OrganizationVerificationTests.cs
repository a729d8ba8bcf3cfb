using System.Net;
using AngleSharp.Dom;
using GovHall.Core.Accounts;
using GovHall.Core.Notifications;
using GovHall.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GovHall.Tests.Accounts;

// An organisation acts only once verified (issue 22, part 2): by the bureau's list of
// institutions at registration, or by the window's review of its authorisation letter and
// licence, with the administrator told either way.
public abstract class OrganizationVerificationTests(HallFactory hall) : HallTest(hall)
{
    // Valid credit codes (GB 32100 check characters) of no real unit.
    private const string ReviewedCode = "52310112MJ47821504";
    private const string ListedCode = "52310112MJ47821605";
    private const string MismatchCode = "52310112MJ47821706";

    private static async Task<HttpResponseMessage> RegisterAsync(HttpClient person, string name, string code, string representative)
    {
        var page = await Html.GetAsync(person, "/account/me/organizations");
        return await Html.SubmitAsync(person, page, "main form.stacked", new Dictionary<string, string>
        {
            ["Name"] = name, ["CreditCode"] = code, ["LegalRepresentative"] = representative,
        });
    }

    private static Task<HttpResponseMessage> SendAsync(HttpClient person, IDocument page, params (string Field, string FileName, byte[] Content)[] files) =>
        Html.SubmitAsync(person, page, "#verify-form", files: files);

    private Task<List<InboxMessage>> InboxAsync(string userName) => Hall.WithDbAsync(db =>
        db.InboxMessages.AsNoTracking().Where(m => db.Users.Any(u => u.Id == m.AccountId && u.UserName == userName)).ToListAsync(Cancel));

    private async Task DispatchAsync()
    {
        await using var scope = Hall.Services.CreateAsyncScope();
        var dispatcher = scope.ServiceProvider.GetRequiredService<NotificationDispatcher>();
        while (await dispatcher.DispatchOnceAsync("test", 50, Cancel) > 0)
        {
        }
    }

    [Fact]
    public async Task Pending_CannotActForTheOrganisation_UntilTheWindowApprovesItsLetter()
    {
        var zhangsan = await Staff.SignInAsync(Hall, "zhangsan");
        var registered = await RegisterAsync(zhangsan, "上海市闵行区晨曦培训学校（演示）", ReviewedCode, "张三");
        Assert.Equal(HttpStatusCode.Redirect, registered.StatusCode);
        var link = registered.Headers.Location!.OriginalString;
        var orgId = link.Split('/')[^1];
        var page = await Html.GetAsync(zhangsan, link);
        Assert.Contains("待核验", page.QuerySelector("#verification h2")!.TextContent, StringComparison.Ordinal);
        Assert.Null(page.QuerySelector("form[action*='handler=Add']"));

        // Pending: no applying in its name, no agents, even by posting directly.
        var bus = await Hall.WithDbAsync(db => db.ServiceItems.Where(i => i.Name == Demo.SchoolBus).Select(i => i.Code).SingleAsync(Cancel));
        var start = await Html.GetAsync(zhangsan, $"/apply/{bus}");
        Assert.Null(start.QuerySelector($"input[name=Applicant][value='{orgId}']"));
        var forgedStart = await Html.SubmitAsync(zhangsan, start, "main form", new Dictionary<string, string> { ["Applicant"] = orgId });
        Assert.Contains("该单位尚未通过核验", (await Html.ParseAsync(forgedStart)).Text(), StringComparison.Ordinal);
        var token = page.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#verify-form input[name=__RequestVerificationToken]")!.Value;
        var forgedAgent = await zhangsan.PostAsync(link + "?handler=Add", new FormUrlEncodedContent(
            [new("AgentName", "李四"), new("AgentIdNumber", "310112198506152344"), new("__RequestVerificationToken", token)]), Cancel);
        Assert.Equal(HttpStatusCode.BadRequest, forgedAgent.StatusCode);
        Assert.Contains("尚未通过核验", (await Html.ParseAsync(forgedAgent)).Text(), StringComparison.Ordinal);

        // Bad documents are refused with what is wrong; nothing is sent.
        var missing = await SendAsync(zhangsan, page, ("letter", "授权委托书.pdf", SampleFiles.Pdf));
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Contains("请上传营业执照或办学许可证", (await Html.ParseAsync(missing)).Text(), StringComparison.Ordinal);
        var text = await SendAsync(zhangsan, page, ("letter", "授权委托书.pdf", "not a pdf"u8.ToArray()), ("licence", "执照\u202Egnp.exe", SampleFiles.Png));
        var textPage = (await Html.ParseAsync(text)).Text();
        Assert.Contains("授权委托书应为 PDF、JPG 或 PNG 文件", textPage, StringComparison.Ordinal);
        Assert.Contains("不可见或控制字符", textPage, StringComparison.Ordinal);
        Assert.Equal(0, await Hall.WithDbAsync(db => db.OrganizationDocuments.CountAsync(d => d.OrganizationId == Guid.Parse(orgId), Cancel)));

        var sent = await SendAsync(zhangsan, page, ("letter", "授权委托书.pdf", SampleFiles.Pdf), ("licence", "办学许可证.png", SampleFiles.Png));
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        Assert.Contains("审核中", (await Html.GetAsync(zhangsan, link)).QuerySelector("#verification h2")!.TextContent, StringComparison.Ordinal);

        // Only the window reviews; the supervisor may not.
        var supervisor = await Staff.SignInAsync(Hall, "supervisor");
        var denied = await supervisor.GetAsync("/staff/organizations", Cancel);
        Assert.Equal(HttpStatusCode.Redirect, denied.StatusCode);
        Assert.StartsWith("/account/denied", denied.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        var clerk = await Staff.SignInAsync(Hall, "clerk");
        var queue = await Html.GetAsync(clerk, "/staff/organizations");
        var review = await Html.GetAsync(clerk, queue.QuerySelector($"#queue tr[data-id='{orgId}'] a")!.GetAttribute("href")!);
        var letter = await clerk.GetAsync(review.QuerySelector("#documents a")!.GetAttribute("href")!, Cancel);
        Assert.Equal(HttpStatusCode.OK, letter.StatusCode);

        // Refused without a reason: no; with one: the administrator is told why and may send again.
        var noReason = await Html.SubmitAsync(clerk, review, "#decide", submitterName: "decision", submitterValue: "refuse");
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Contains("请写明原因", (await Html.ParseAsync(noReason)).QuerySelector("#problems")!.TextContent, StringComparison.Ordinal);
        var refused = await Html.SubmitAsync(clerk, review, "#decide", new Dictionary<string, string> { ["reason"] = "授权委托书未加盖单位公章。" }, "decision", "refuse");
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        var again = await Html.SubmitAsync(clerk, review, "#decide", new Dictionary<string, string> { ["reason"] = "重复" }, "decision", "refuse");
        Assert.Contains("不在待审核状态", (await Html.ParseAsync(again)).QuerySelector("#problems")!.TextContent, StringComparison.Ordinal);
        await DispatchAsync();
        Assert.Contains(await InboxAsync("zhangsan"), m => m.Body.Contains("未通过核验，原因：授权委托书未加盖单位公章。", StringComparison.Ordinal));
        page = await Html.GetAsync(zhangsan, link);
        Assert.Contains("授权委托书未加盖单位公章", page.QuerySelector("#refusal")!.TextContent, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.Redirect, (await SendAsync(zhangsan, page, ("letter", "授权委托书（盖章）.pdf", SampleFiles.Pdf), ("licence", "办学许可证.png", SampleFiles.Png))).StatusCode);
        review = await Html.GetAsync(clerk, $"/staff/organizations/{orgId}");
        Assert.Equal(HttpStatusCode.Redirect, (await Html.SubmitAsync(clerk, review, "#decide", submitterName: "decision", submitterValue: "approve")).StatusCode);
        await DispatchAsync();
        Assert.Contains(await InboxAsync("zhangsan"), m => m.Body.Contains("已通过核验", StringComparison.Ordinal));

        // Verified: it can be applied for and given agents.
        page = await Html.GetAsync(zhangsan, link);
        Assert.Contains("已核验", page.QuerySelector("#verification h2")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector("form[action*='handler=Add']"));
        Assert.NotNull((await Html.GetAsync(zhangsan, $"/apply/{bus}")).QuerySelector($"input[name=Applicant][value='{orgId}']"));
    }

    [Fact]
    public async Task Registry_TheBureausListVerifiesAMatchAtOnce_AndABadListChangesNothing()
    {
        var admin = await Staff.SignInAsync(Hall, "admin");
        var page = await Html.GetAsync(admin, "/system/institutions");
        var before = int.Parse(page.QuerySelector("#known-count")!.TextContent, System.Globalization.CultureInfo.InvariantCulture);
        var bad = await Html.SubmitAsync(admin, page, "main form", new Dictionary<string, string>
        {
            ["Lines"] = $"统一社会信用代码,单位名称,法定代表人\n{ListedCode},上海市闵行区春晖幼儿园（演示）,李四\n52310112MJ4782170X,格式不对的一行",
        });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("第 3 行", (await Html.ParseAsync(bad)).QuerySelector("#problems")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(before, await Hall.WithDbAsync(db => db.KnownInstitutions.CountAsync(Cancel)));

        var good = await Html.SubmitAsync(admin, page, "main form", new Dictionary<string, string>
        {
            ["Lines"] = $"{ListedCode},上海市闵行区春晖幼儿园（演示）,李四\n{MismatchCode}，上海市闵行区远航培训中心（演示），王五",
        });
        Assert.Equal(HttpStatusCode.Redirect, good.StatusCode);
        Assert.Contains("已导入 2 家单位", (await Html.GetAsync(admin, "/system/institutions")).QuerySelector("#done")!.TextContent, StringComparison.Ordinal);

        var lisi = await Staff.SignInAsync(Hall, "lisi");
        var listed = await RegisterAsync(lisi, "上海市闵行区春晖幼儿园（演示）", ListedCode, "李四");
        Assert.Contains("已核验", (await Html.GetAsync(lisi, listed.Headers.Location!.OriginalString)).QuerySelector("#verification h2")!.TextContent, StringComparison.Ordinal);

        // The right code with another legal representative is not enough.
        var zhangsan = await Staff.SignInAsync(Hall, "zhangsan");
        var mismatch = await RegisterAsync(zhangsan, "上海市闵行区远航培训中心（演示）", MismatchCode, "张三");
        Assert.Contains("待核验", (await Html.GetAsync(zhangsan, mismatch.Headers.Location!.OriginalString)).QuerySelector("#verification h2")!.TextContent, StringComparison.Ordinal);
        var organization = await Hall.WithDbAsync(db => db.Organizations.AsNoTracking().SingleAsync(o => o.CreditCode == ListedCode, Cancel));
        Assert.Equal(("registry", OrganizationStatus.Verified), (organization.VerifiedBy, organization.Status));
    }
}

public sealed class OrganizationVerificationTests_Sqlite(SqliteHall hall) : OrganizationVerificationTests(hall), IClassFixture<SqliteHall>;

public sealed class OrganizationVerificationTests_Postgres(PostgresHall hall) : OrganizationVerificationTests(hall), IClassFixture<PostgresHall>;
