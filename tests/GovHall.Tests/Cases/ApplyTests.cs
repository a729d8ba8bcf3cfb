using System.Net;
using AngleSharp.Dom;
using GovHall.Core;
using GovHall.Core.Cases;
using GovHall.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GovHall.Tests.Cases;

// Applying online through the pages: situation, form, materials, check, declaration, submit;
// drafts that are saved and resumed; files refused for what they are; exactly one case.
public abstract partial class ApplyTests(HallFactory hall) : HallTest(hall)
{
    private async Task<string> ItemCodeAsync(string name) =>
        await Hall.WithDbAsync(db => db.ServiceItems.Where(i => i.Name == name).Select(i => i.Code).SingleAsync(Cancel));

    [Fact]
    public async Task Person_SavesLeavesResumesAndSubmits_ExactlyOneCaseWithReceiptAndQuery()
    {
        var zhangsan = await Staff.SignInAsync(Hall, "zhangsan");
        var code = await ItemCodeAsync(Demo.TeacherQualification);
        var formUrl = await OnlineApplication.StartAsync(zhangsan, code, "小学教师资格");

        // Prefilled from the profile; the ID number is the person's own, shown to them only.
        var form = await Html.GetAsync(zhangsan, formUrl);
        Assert.Equal("张三", form.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#f-name")!.Value);
        Assert.Equal("13800000001", form.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#f-phone")!.Value);

        // Save half of it and leave: the draft is listed in 我的办件.
        var later = await Html.SubmitAsync(zhangsan, form, "main form", new Dictionary<string, string> { ["a.subject"] = "小学数学" }, "next", "later");
        Assert.Equal("/account/me/cases", later.Headers.Location!.OriginalString);
        var mine = await Html.GetAsync(zhangsan, "/account/me/cases");
        var resume = mine.QuerySelectorAll("a").First(a => a.TextContent.Contains("继续填写", StringComparison.Ordinal)
            && a.GetAttribute("href") == formUrl);

        // Resume: what was typed is there. Saying "employed" brings up the employer, which is then required.
        form = await Html.GetAsync(zhangsan, resume.GetAttribute("href")!);
        Assert.Equal("小学数学", form.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#f-subject")!.Value);
        Assert.Null(form.QuerySelector("#f-employer"));
        var answers = TeacherApplication.Answers();
        answers["a.employed"] = "是";
        var needsEmployer = await Html.SubmitAsync(zhangsan, form, "main form", answers, "next", "continue");
        Assert.Equal(HttpStatusCode.OK, needsEmployer.StatusCode);
        var shown = await Html.ParseAsync(needsEmployer);
        Assert.Contains("请填写“工作单位”", shown.QuerySelector(".validation-summary-errors")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(shown.QuerySelector("#f-employer"));
        var toMaterials = await Html.SubmitAsync(zhangsan, shown, "main form", new Dictionary<string, string> { ["a.employer"] = "闵行区实验小学" }, "next", "continue");
        Assert.Equal(HttpStatusCode.Redirect, toMaterials.StatusCode);
        var materialsUrl = toMaterials.Headers.Location!.OriginalString;

        // Without the required files the check page says so and submitting makes no case.
        var draftId = Guid.Parse(materialsUrl.Split('/')[3]);
        var check = await Html.GetAsync(zhangsan, $"/apply/drafts/{draftId}/check");
        Assert.Contains($"请上传“{TeacherApplication.Photo}”", check.QuerySelector(".validation-summary-errors")!.TextContent, StringComparison.Ordinal);
        var early = await Html.SubmitAsync(zhangsan, check, "main form", new Dictionary<string, string> { ["declared"] = "true" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, early.StatusCode);
        Assert.False(await Hall.WithDbAsync(db => db.Cases.AnyAsync(c => c.SubmissionKey == $"draft:{draftId}", Cancel)));

        await TeacherApplication.UploadMaterialsAsync(zhangsan, materialsUrl);
        var materials = await Html.GetAsync(zhangsan, materialsUrl);
        Assert.Contains("体检合格证明.pdf", materials.Text(), StringComparison.Ordinal);
        Assert.Contains("免于提交", materials.Text(), StringComparison.Ordinal);

        // Check answers, then the declaration is required.
        check = await Html.GetAsync(zhangsan, $"/apply/drafts/{draftId}/check");
        Assert.Null(check.QuerySelector(".validation-summary-errors"));
        Assert.Contains("闵行区实验小学", check.Text(), StringComparison.Ordinal);
        // The applicant checks their own answers whole (issue 23), the ID number the form took
        // from their account included; the applicant line keeps it masked; nothing caches the page.
        Assert.Contains("上海市闵行区莘庄镇示例路 1 号", check.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("310***********1233", check.Text(), StringComparison.Ordinal);
        Assert.Contains("310112199001011233", check.Text(), StringComparison.Ordinal);
        var checkResponse = await zhangsan.GetAsync($"/apply/drafts/{draftId}/check", Cancel);
        Assert.Contains("no-store", checkResponse.Headers.CacheControl?.ToString() ?? "", StringComparison.Ordinal);
        var undeclared = await Html.SubmitAsync(zhangsan, check, "main form");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, undeclared.StatusCode);
        Assert.Contains("请阅读并勾选承诺", (await Html.ParseAsync(undeclared)).Text(), StringComparison.Ordinal);

        // A double click: two posts of the same page, one case.
        var posts = await Task.WhenAll(
            Html.SubmitAsync(zhangsan, check, "main form", new Dictionary<string, string> { ["declared"] = "true" }),
            Html.SubmitAsync(zhangsan, check, "main form", new Dictionary<string, string> { ["declared"] = "true" }));
        Assert.All(posts, p => Assert.Equal(HttpStatusCode.Redirect, p.StatusCode));
        Assert.Equal(posts[0].Headers.Location, posts[1].Headers.Location);
        var again = await Html.SubmitAsync(zhangsan, check, "main form", new Dictionary<string, string> { ["declared"] = "true" });
        Assert.Equal(posts[0].Headers.Location, again.Headers.Location);
        Assert.Equal(1, await Hall.WithDbAsync(db => db.Cases.CountAsync(c => c.SubmissionKey == $"draft:{draftId}", Cancel)));

        var made = await Hall.WithDbAsync(db => db.Cases.SingleAsync(c => c.SubmissionKey == $"draft:{draftId}", Cancel));
        Assert.Equal(1, await Hall.WithDbAsync(db => db.CaseEvents.CountAsync(e => e.CaseId == made.Id && e.Action == CaseAction.Submit, Cancel)));
        Assert.Matches($"^{code}\\d{{8}}\\d{{4,}}$", made.CaseNumber);
        Assert.True(TrackingCode.TryParse(made.TrackingCode, out _));
        Assert.DoesNotContain("310112199001011233", made.AnswersProtected, StringComparison.Ordinal);
        Assert.DoesNotContain("13800000001", made.ContactPhoneProtected, StringComparison.Ordinal);

        // The confirmation page shows the code; the draft is gone from the list.
        var confirmation = await Html.GetAsync(zhangsan, posts[0].Headers.Location!.OriginalString);
        Assert.Contains("申请已提交", confirmation.Text(), StringComparison.Ordinal);
        Assert.Equal(made.TrackingCode, confirmation.QuerySelector("[data-tracking-code]")!.GetAttribute("data-tracking-code"));
        mine = await Html.GetAsync(zhangsan, "/account/me/cases");
        Assert.DoesNotContain(mine.QuerySelectorAll("a"), a => a.GetAttribute("href") == formUrl);

        // A step opened again (the back button) leads to the case the draft made.
        var back = await zhangsan.GetAsync(formUrl, Cancel);
        Assert.Equal(HttpStatusCode.Redirect, back.StatusCode);
        Assert.Equal($"/account/me/cases/{made.TrackingCode}", back.Headers.Location!.OriginalString);

        // The receipt, linked from 我的办件: masked applicant, the code, the files, and a QR code
        // that opens the query page.
        var receiptLink = mine.QuerySelectorAll("tr").Single(r => r.TextContent.Contains(TrackingCode.Display(made.TrackingCode), StringComparison.Ordinal))
            .QuerySelectorAll("a").Single(a => a.TextContent.Contains("材料接收凭证", StringComparison.Ordinal)).GetAttribute("href");
        Assert.Equal($"/account/me/cases/{made.TrackingCode}/receipt.pdf", receiptLink);
        var receipt = await zhangsan.GetAsync(receiptLink, Cancel);
        Assert.Equal("application/pdf", receipt.Content.Headers.ContentType!.MediaType);
        var pdf = await receipt.Content.ReadAsByteArrayAsync(Cancel);
        var text = PdfReading.Text(pdf);
        Assert.Contains("材料接收凭证", text, StringComparison.Ordinal);
        Assert.Contains("张*", text, StringComparison.Ordinal);
        Assert.DoesNotContain("张三", text, StringComparison.Ordinal);
        Assert.Contains(made.CaseNumber, text, StringComparison.Ordinal);
        Assert.Contains("体检合格证明.pdf", text, StringComparison.Ordinal);
        Assert.Contains("网上填报，系统生成", text, StringComparison.Ordinal);
        Assert.Contains("网上签署承诺", text, StringComparison.Ordinal);
        Assert.DoesNotContain("13800000001", text, StringComparison.Ordinal);
        Assert.DoesNotContain("****0001", text, StringComparison.Ordinal);
        Assert.Contains("账号绑定的手机号码", text, StringComparison.Ordinal);
        var scanned = PdfReading.ScanQrCode(pdf);
        Assert.EndsWith($"/query?code={made.TrackingCode}", scanned, StringComparison.Ordinal);

        // Someone else cannot see the case or its receipt.
        var lisi = await Staff.SignInAsync(Hall, "lisi");
        Assert.Equal(HttpStatusCode.NotFound, (await lisi.GetAsync($"/account/me/cases/{made.TrackingCode}", Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await lisi.GetAsync($"/account/me/cases/{made.TrackingCode}/receipt.pdf", Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await lisi.GetAsync(formUrl, Cancel)).StatusCode);
    }

    // A person whose session ended meanwhile (on the server, as a sign-out elsewhere or a
    // password change ends it) is told so on the sign-in page, and that the page just sent was
    // not saved; someone who was never signed in is simply asked to sign in.
    [Fact]
    public async Task SessionThatEndedMeanwhile_IsNamedOnTheSignInPage()
    {
        var person = await Staff.SignInAsync(Hall, "zhangsan");
        var formUrl = await OnlineApplication.StartAsync(person, await ItemCodeAsync(Demo.TeacherQualification), "小学教师资格");
        var form = await Html.GetAsync(person, formUrl);
        var account = await Hall.WithDbAsync(db => db.Users.Where(u => u.UserName == "zhangsan").Select(u => u.Id).SingleAsync(Cancel));
        await Hall.WithDbAsync(db => db.AuthSessions.Where(s => s.AccountId == account).ExecuteDeleteAsync(Cancel));

        var sent = await Html.SubmitAsync(person, form, "main form", TeacherApplication.Answers());
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        var signIn = sent.Headers.Location!.OriginalString;
        Assert.Contains("ended=form", signIn, StringComparison.Ordinal);
        var notice = (await Html.GetAsync(person, signIn)).QuerySelector("main .notice")!.TextContent;
        Assert.Contains("您的登录已失效", notice, StringComparison.Ordinal);
        Assert.Contains("刚才这一页提交的内容未能保存", notice, StringComparison.Ordinal);
        Assert.Contains("申请中之前各步已保存的内容都还在", notice, StringComparison.Ordinal);

        var viewing = await person.GetAsync("/account/me/cases", Cancel);
        Assert.Contains("ended=session", viewing.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.DoesNotContain("未能保存", (await Html.GetAsync(person, viewing.Headers.Location.OriginalString)).QuerySelector("main .notice")!.TextContent, StringComparison.Ordinal);

        var stranger = Hall.CreateBrowserLikeClient();
        var asked = await stranger.GetAsync("/account/me/cases", Cancel);
        Assert.DoesNotContain("ended=", asked.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Null((await Html.GetAsync(stranger, asked.Headers.Location.OriginalString)).QuerySelector("main .notice"));
    }

    // Publishes a new version of the item with its content's JSON changed; returns the JSON before.
    private async Task<string> PublishTransferAsync(string code, Func<string, string> change)
    {
        await using var scope = Hall.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HallDbContext>();
        var item = await db.ServiceItems.AsNoTracking().SingleAsync(i => i.Code == code, Cancel);
        var before = GovHall.Core.Catalog.CatalogJson.Serialize((await GovHall.Core.Catalog.ItemQueries.VersionAsync(db, code, item.CurrentVersion, Cancel)).Value!.Content);
        var draft = await scope.ServiceProvider.GetRequiredService<GovHall.Core.Catalog.SaveDraft>().RunAsync(GovHall.Core.Catalog.CatalogJson.Deserialize(change(before)), item.Revision, "test", Cancel);
        Assert.True(draft.Succeeded, string.Join(" ", draft.Errors.Select(e => e.Message)));
        var published = await scope.ServiceProvider.GetRequiredService<GovHall.Core.Catalog.PublishItem>()
            .RunAsync(code, new GovHall.Core.Catalog.PublicationNote("测试：调整办理情形", "测试依据"), draft.Value!.Revision, "test", Cancel);
        Assert.True(published.Succeeded, string.Join(" ", published.Errors.Select(e => e.Message)));
        return before;
    }

    // The person closes the page while the case is being written: the case is made, and the
    // draft is cleared as after any submission (its answers now live on the case).
    [Fact]
    public async Task Person_WhoLeavesDuringTheWrite_HasTheCase_AndTheDraftCleared()
    {
        var zhangsan = await Staff.SignInAsync(Hall, "zhangsan");
        var formUrl = await TeacherApplication.DraftAsync(Hall, zhangsan);
        var draftId = Guid.Parse(formUrl.Split('/')[3]);
        var accountId = await Hall.WithDbAsync(db => db.Users.Where(u => u.UserName == "zhangsan").Select(u => u.Id).SingleAsync(Cancel));

        await using var scope = Hall.Services.CreateAsyncScope();
        using var leaving = CancellationTokenSource.CreateLinkedTokenSource(Cancel);
        scope.ServiceProvider.GetRequiredService<GovHall.Core.HallDbContext>().SavingChanges += (_, _) => leaving.Cancel();
        var submitted = await scope.ServiceProvider.GetRequiredService<SubmitDraft>().RunAsync(draftId, accountId, declared: true, leaving.Token);

        Assert.True(leaving.IsCancellationRequested);
        Assert.True(submitted.Succeeded, string.Join(" ", submitted.Errors.Select(e => e.Message)));
        var draft = await Hall.WithDbAsync(db => db.ApplicationDrafts.AsNoTracking().SingleAsync(d => d.Id == draftId, Cancel));
        Assert.Equal(submitted.Value!.Case.Id, draft.SubmittedCaseId);
        Assert.Null(draft.AnswersProtected);
        Assert.False(await Hall.WithDbAsync(db => db.DraftFiles.AnyAsync(f => f.DraftId == draftId, Cancel)));
    }

    [Fact]
    public async Task ItemTakenOffline_RefusesTheDraftsSubmission_AndMakesNoCase()
    {
        var zhangsan = await Staff.SignInAsync(Hall, "zhangsan");
        var code = await ItemCodeAsync("受理教师申诉");
        var formUrl = await OnlineApplication.StartAsync(zhangsan, code, null);
        var draftId = Guid.Parse(formUrl.Split('/')[3]);
        await using (var scope = Hall.Services.CreateAsyncScope())
        {
            var change = scope.ServiceProvider.GetRequiredService<GovHall.Core.Catalog.ChangeItemState>();
            Assert.True((await change.TakeOfflineAsync(code, "测试：暂停办理", "test", Cancel)).Succeeded);
        }

        try
        {
            // The person is told why, on the check page and in 我的办件, where the draft waits.
            var check = await zhangsan.GetAsync(formUrl.Replace("/form", "/check", StringComparison.Ordinal), Cancel);
            Assert.Equal(HttpStatusCode.Gone, check.StatusCode);
            var page = await Html.ParseAsync(check);
            Assert.Equal("该事项已暂停办理", page.QuerySelector("h1")!.TextContent);
            Assert.Contains("该事项已暂停办理，草稿暂时不能继续。", page.QuerySelector("[role=alert]")!.TextContent, StringComparison.Ordinal);
            var mine = await Html.GetAsync(zhangsan, "/account/me/cases");
            Assert.DoesNotContain(mine.QuerySelectorAll("a"), a => a.GetAttribute("href") == formUrl);
            Assert.Contains("该事项已暂停办理，恢复后可继续填写", mine.Text(), StringComparison.Ordinal);
            await using var scope = Hall.Services.CreateAsyncScope();
            var submitDraft = scope.ServiceProvider.GetRequiredService<SubmitDraft>();
            var accountId = await Hall.WithDbAsync(db => db.Users.Where(u => u.UserName == "zhangsan").Select(u => u.Id).SingleAsync(Cancel));
            var submitted = await submitDraft.RunAsync(draftId, accountId, declared: true, Cancel);
            Assert.False(submitted.Succeeded);
            Assert.Equal("item.offline", submitted.Errors[0].Code);
            Assert.False(await Hall.WithDbAsync(db => db.Cases.AnyAsync(c => c.SubmissionKey == $"draft:{draftId}", Cancel)));
        }
        finally
        {
            await using var scope = Hall.Services.CreateAsyncScope();
            var change = scope.ServiceProvider.GetRequiredService<GovHall.Core.Catalog.ChangeItemState>();
            await change.BringOnlineAsync(code, "测试：恢复办理", "test", Cancel);
        }

        var resumed = await Html.GetAsync(zhangsan, "/account/me/cases");
        Assert.Contains(resumed.QuerySelectorAll("a"), a => a.GetAttribute("href") == formUrl);
    }
}

public sealed class ApplyTests_Sqlite(SqliteHall hall) : ApplyTests(hall), IClassFixture<SqliteHall>;

public sealed class ApplyTests_Postgres(PostgresHall hall) : ApplyTests(hall), IClassFixture<PostgresHall>;
