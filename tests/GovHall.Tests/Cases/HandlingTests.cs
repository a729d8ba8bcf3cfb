using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GovHall.Core;
using GovHall.Core.Calendar;
using GovHall.Core.Cases;
using GovHall.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GovHall.Tests.Cases;

public abstract partial class HandlingTests(ClockHall hall) : HallTest(hall)
{
    private ClockHall Clocked => (ClockHall)Hall;

    private async Task<Result<Case>> RunAsync(string code, CaseActor actor, CaseCommand command)
    {
        await using var scope = Hall.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<HandleCase>().RunAsync(code, actor, command, "http://localhost", Cancel);
    }

    private Task<CaseActor> StaffActorAsync(string userName) => Hall.WithDbAsync(async db =>
    {
        var account = await db.Users.SingleAsync(u => u.UserName == userName, Cancel);
        var department = await db.Departments.Where(d => d.Id == account.DepartmentId).Select(d => d.Name).SingleAsync(Cancel);
        var roles = await db.UserRoles.Where(r => r.UserId == account.Id).Join(db.Roles, r => r.RoleId, r => r.Id, (_, role) => role.Name!).ToListAsync(Cancel);
        return CaseActor.Staff(account.DisplayName, account.Id, roles, department);
    });

    private Task<Case> CaseAsync(string code) => Hall.WithDbAsync(db => db.Cases.AsNoTracking().SingleAsync(c => c.TrackingCode == code, Cancel));

    private Task<int> EventCountAsync(Guid caseId) => Hall.WithDbAsync(db => db.CaseEvents.CountAsync(e => e.CaseId == caseId, Cancel));

    private async Task<WorkingDays> CalendarAsync()
    {
        await using var scope = Hall.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<WorkCalendar>().LoadAsync(Cancel);
    }

    // A member of staff whose browser goes away while the action is written cancels the
    // request; the action is still done whole: its stage, its event and its notice.
    [Fact]
    public async Task StaffWhoLeaveDuringTheWrite_StillHaveTheActionDone()
    {
        var zhangsan = await Staff.SignInAsync(Hall, "zhangsan");
        var code = await TeacherApplication.SubmitAsync(Hall, zhangsan);
        var before = await CaseAsync(code);
        var clerk = await StaffActorAsync("clerk");
        await using var scope = Hall.Services.CreateAsyncScope();
        using var leaving = CancellationTokenSource.CreateLinkedTokenSource(Cancel);
        scope.ServiceProvider.GetRequiredService<HallDbContext>().SavingChanges += (_, _) => leaving.Cancel();

        var accepted = await scope.ServiceProvider.GetRequiredService<HandleCase>()
            .RunAsync(code, clerk, new AcceptCase(before.Revision), "http://localhost", leaving.Token);

        Assert.True(leaving.IsCancellationRequested);
        Assert.True(accepted.Succeeded, string.Join(" ", accepted.Errors.Select(e => e.Message)));
        Assert.Equal(CaseStage.Accepted, (await CaseAsync(code)).Stage);
        Assert.Equal(2, await EventCountAsync(before.Id));
        Assert.True(await Hall.WithDbAsync(db => db.CaseDocuments.AnyAsync(d => d.CaseId == before.Id, Cancel)));
    }

    [Fact]
    public async Task Case_IsReturnedCorrectedAcceptedSuspendedExtendedGrantedAndDelivered_WithDeadlinesAndDocuments()
    {
        var zhangsan = await Staff.SignInAsync(Hall, "zhangsan");
        var clerk = await Staff.SignInAsync(Hall, "clerk");
        var reviewer = await Staff.SignInAsync(Hall, "reviewer");
        var approver = await Staff.SignInAsync(Hall, "approver");
        var code = await TeacherApplication.SubmitAsync(Hall, zhangsan);

        // The window's queue shows it, with the acceptance step's allotment running.
        var queue = await Html.GetAsync(clerk, "/staff");
        var row = queue.QuerySelector($"#queue tr[data-code='{code}']");
        Assert.NotNull(row);
        Assert.Contains("受理（窗口受理）", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("本环节剩余", row.TextContent, StringComparison.Ordinal);
        Assert.Null((await Html.GetAsync(reviewer, "/staff")).QuerySelector($"#queue tr[data-code='{code}']"));

        // The materials the application itself gave are named beside the files.
        var given = (await Html.GetAsync(clerk, $"/staff/cases/{code}")).QuerySelectorAll("#materials .provided-online").Select(p => p.TextContent).ToList();
        Assert.Equal(["教师资格认定申请表：网上填报，系统生成（即上方的申请表单）", "个人承诺书（思想品德情况）：网上签署承诺（申请人提交时已勾选承诺）"], given);

        // One-time notice: the photo, with the reason; the applicant sees it and must upload it.
        var (returned, _) = await Workbench.ActAsync(clerk, code, CaseAction.RequestCorrection, new()
        {
            ["fix"] = TeacherApplication.Photo, [$"why:{TeacherApplication.Photo}"] = "照片背景应为白色，请重新上传。",
        });
        Assert.Equal(HttpStatusCode.Redirect, returned.StatusCode);
        var mine = await Html.GetAsync(zhangsan, $"/account/me/cases/{code}");
        Assert.Contains("照片背景应为白色", mine.QuerySelector("#correction")!.TextContent, StringComparison.Ordinal);
        var notice = mine.QuerySelectorAll("#documents a").Single(a => a.TextContent.Contains("补正材料通知书", StringComparison.Ordinal));
        var noticePdf = await zhangsan.GetByteArrayAsync(notice.GetAttribute("href"), Cancel);
        Assert.Contains("照片背景应为白色", PdfReading.Text(noticePdf), StringComparison.Ordinal);
        // Chinese line breaking (issue 23): no line of the notice starts with a closing mark.
        var lines = PdfReading.Lines(noticePdf);
        Assert.True(lines.Count > 5);
        var badStarts = lines.Where(l => "。，、；：？！）」》”".Contains(l[0], StringComparison.Ordinal)).ToList();
        Assert.True(badStarts.Count == 0, "Lines starting with a closing mark:\n" + string.Join("\n", lines));

        // 我的办件 says what is asked and by when.
        var due = await Hall.WithDbAsync(db => db.Cases.Where(c => c.TrackingCode == code).Select(c => c.CorrectionDueOn).SingleAsync(Cancel));
        Assert.NotNull(due);
        var listed = (await Html.GetAsync(zhangsan, "/account/me/cases")).QuerySelectorAll("tr")
            .Single(r => r.TextContent.Contains(TrackingCode.Display(code), StringComparison.Ordinal));
        Assert.Contains($"请按一次性告知补正材料（请于{due:yyyy-MM-dd}前）", System.Text.RegularExpressions.Regex.Replace(listed.TextContent, @"\s+", ""), StringComparison.Ordinal);

        var before = await CaseAsync(code);
        var empty = await Html.SubmitAsync(zhangsan, mine, "#correction form");
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Contains($"请上传补正后的“{TeacherApplication.Photo}”", (await Html.ParseAsync(empty)).QuerySelector("#problems")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(before.Revision, (await CaseAsync(code)).Revision);

        var corrected = await Html.SubmitAsync(zhangsan, mine, "#correction form", files: [($"file:{TeacherApplication.Photo}", "新照片.png", SampleFiles.Png)]);
        Assert.Equal(HttpStatusCode.Redirect, corrected.StatusCode);
        Assert.Equal(CaseStage.Submitted, (await CaseAsync(code)).Stage);

        // Acceptance starts the statutory clock: 30 working days from today.
        var (accepted, acceptedPage) = await Workbench.ActAsync(clerk, code, CaseAction.Accept);
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        var calendar = await CalendarAsync();
        var today = ChinaDate.Today(Clocked.Clock);
        var deadline = calendar.Add(today, 30).Value;
        Assert.Equal(deadline.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), acceptedPage.QuerySelector("#deadline")!.TextContent);
        Assert.Contains("审查（审核岗", acceptedPage.QuerySelector("#holder")!.TextContent, StringComparison.Ordinal);

        var (reviewed, _) = await Workbench.ActAsync(reviewer, code, CaseAction.Review, new() { ["reason"] = "材料齐全，符合认定条件。" });
        Assert.Equal(HttpStatusCode.Redirect, reviewed.StatusCode);

        // Suspended for an expert review for a week: the deadline moves by the working days suspended.
        var (suspended, _) = await Workbench.ActAsync(approver, code, CaseAction.Suspend, new() { ["procedure"] = "专家评审", ["reason"] = "需专家评审教育教学能力。" });
        Assert.Equal(HttpStatusCode.Redirect, suspended.StatusCode);
        Clocked.Clock.Advance(TimeSpan.FromDays(7));

        // A week later everyone signs in again (staff sessions end after eight idle hours).
        zhangsan = await Staff.SignInAsync(Hall, "zhangsan");
        clerk = await Staff.SignInAsync(Hall, "clerk");
        reviewer = await Staff.SignInAsync(Hall, "reviewer");
        approver = await Staff.SignInAsync(Hall, "approver");
        var (resumed, resumedPage) = await Workbench.ActAsync(approver, code, CaseAction.Resume);
        Assert.Equal(HttpStatusCode.Redirect, resumed.StatusCode);
        var suspendedDays = calendar.Between(today, today.AddDays(7)).Value;
        Assert.True(suspendedDays >= 3, $"{suspendedDays} working days in a week");
        var moved = calendar.Add(today, 30 + suspendedDays).Value;
        Assert.Equal(moved.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), resumedPage.QuerySelector("#deadline")!.TextContent);

        // Extension: requested and approved (行政许可法 Art. 42), ten more working days.
        Assert.Equal(HttpStatusCode.Redirect, (await Workbench.ActAsync(approver, code, CaseAction.RequestExtension, new() { ["days"] = "10", ["reason"] = "专家意见分歧，需补充评审。" })).Response.StatusCode);
        var (extended, extendedPage) = await Workbench.ActAsync(approver, code, CaseAction.Extend);
        Assert.Equal(HttpStatusCode.Redirect, extended.StatusCode);
        Assert.Equal(calendar.Add(today, 40 + suspendedDays).Value.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), extendedPage.QuerySelector("#deadline")!.TextContent);

        // The reviewer may not decide; the approver grants, which issues the certificate.
        var reviewerPage = await Html.GetAsync(reviewer, $"/staff/cases/{code}");
        Assert.Empty(reviewerPage.QuerySelectorAll("form.action"));
        var refusedDecision = await RunAsync(code, await StaffActorAsync("reviewer"), new DecideCase(extended.StatusCode == HttpStatusCode.Redirect ? (await CaseAsync(code)).Revision : 0, Decision.Granted, null));
        Assert.Equal("case.role_not_allowed", refusedDecision.Errors.Single().Code);
        Assert.Contains("该环节由“审批”岗办理", refusedDecision.Errors[0].Message, StringComparison.Ordinal);
        var (granted, grantedPage) = await Workbench.ActAsync(approver, code, CaseAction.Decide, new() { ["decision"] = "Granted", ["reason"] = "同意认定。" });
        Assert.Equal(HttpStatusCode.Redirect, granted.StatusCode);
        Assert.Contains("准予", grantedPage.QuerySelector("#stage")!.TextContent + grantedPage.QuerySelector("#case-facts")!.TextContent, StringComparison.Ordinal);

        // Mail needs a tracking number; then the case is concluded.
        var noNumber = await Workbench.ActAsync(clerk, code, CaseAction.Conclude, new() { ["delivery"] = "Mail" });
        Assert.Equal(HttpStatusCode.BadRequest, noNumber.Response.StatusCode);
        Assert.Contains("邮件号", noNumber.Page.QuerySelector("#problems")!.TextContent, StringComparison.Ordinal);
        var (concluded, _) = await Workbench.ActAsync(clerk, code, CaseAction.Conclude, new() { ["delivery"] = "ElectronicCertificate" });
        Assert.Equal(HttpStatusCode.Redirect, concluded.StatusCode);

        var done = await CaseAsync(code);
        Assert.Equal(CaseStage.Concluded, done.Stage);
        // A concluded case shows no empty label: no 当前环节 or 剩余时间 with a dash, but when it ended.
        var facts = (await Html.GetAsync(clerk, $"/staff/cases/{code}")).QuerySelector("#case-facts")!;
        Assert.DoesNotContain(facts.QuerySelectorAll("dd"), dd => dd.TextContent.Trim() is "—" or "");
        Assert.Null(facts.QuerySelector("#holder"));
        Assert.NotNull(facts.QuerySelector("#concluded"));
        Assert.Equal(Decision.Granted, done.Decision);
        var actions = await Hall.WithDbAsync(db => db.CaseEvents.Where(e => e.CaseId == done.Id).OrderBy(e => e.Sequence).Select(e => e.Action).ToListAsync(Cancel));
        Assert.Equal(
            [CaseAction.Submit, CaseAction.RequestCorrection, CaseAction.Resubmit, CaseAction.Accept, CaseAction.Review, CaseAction.Suspend, CaseAction.Resume,
             CaseAction.RequestExtension, CaseAction.Extend, CaseAction.Decide, CaseAction.Conclude],
            actions);

        // The applicant has the notices, the decision and the certificate; the public query shows the same timeline.
        var final = await Html.GetAsync(zhangsan, $"/account/me/cases/{code}");
        var titles = final.QuerySelectorAll("#documents a").Select(a => a.TextContent).ToList();
        foreach (var title in new[] { "补正材料通知书", "受理通知书", "延长办理期限通知书", "准予行政许可决定书", "电子证照" })
        {
            Assert.Contains(titles, t => t.Contains(title, StringComparison.Ordinal));
        }

        var certificatePdf = await zhangsan.GetByteArrayAsync(final.QuerySelectorAll("#documents a").First(a => a.TextContent.Contains("电子证照", StringComparison.Ordinal)).GetAttribute("href"), Cancel);
        Assert.Contains("教师资格证书", PdfReading.Text(certificatePdf), StringComparison.Ordinal);
        var link = PdfReading.ScanQrCode(certificatePdf)!;
        var verified = await Client.GetFromJsonAsync<JsonElement>("/api/v1/certificates/verify?t=" + Uri.EscapeDataString(link.Split("?t=")[1]), Cancel);
        Assert.Equal("valid", verified.GetProperty("status").GetString());
        Assert.Equal("张三", verified.GetProperty("holder").GetString());
        var query = await Client.GetFromJsonAsync<JsonElement>($"/api/v1/cases/status?code={code}&phoneLast4=0001", Cancel);
        Assert.Equal("Concluded", query.GetProperty("stage").GetString());
        Assert.Equal(actions.Count, query.GetProperty("timeline").GetArrayLength());
        var publicTimeline = query.GetProperty("timeline").GetRawText();
        Assert.Contains("照片背景应为白色", publicTimeline, StringComparison.Ordinal);
        Assert.DoesNotContain("材料齐全，符合认定条件", publicTimeline, StringComparison.Ordinal);
        Assert.DoesNotContain("专家意见分歧", publicTimeline, StringComparison.Ordinal);
        Assert.DoesNotContain("材料齐全，符合认定条件", final.QuerySelector(".timeline")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExtensionRequest_RefusedByTheApprover_NeedsAReason_AndLeavesTheDeadline()
    {
        var zhangsan = await Staff.SignInAsync(Hall, "zhangsan");
        var code = await TeacherApplication.SubmitAsync(Hall, zhangsan);
        var clerk = await Staff.SignInAsync(Hall, "clerk");
        var reviewer = await Staff.SignInAsync(Hall, "reviewer");
        var approver = await Staff.SignInAsync(Hall, "approver");
        await Workbench.ActAsync(clerk, code, CaseAction.Accept);
        var deadline = (await CaseAsync(code)).Deadline;
        Assert.NotNull(deadline);
        var (requested, _) = await Workbench.ActAsync(reviewer, code, CaseAction.RequestExtension, new() { ["days"] = "10", ["reason"] = "需调取外省档案。" });
        Assert.Equal(HttpStatusCode.Redirect, requested.StatusCode);
        var noOpinion = await Workbench.ActAsync(reviewer, code, CaseAction.Review, new() { ["reason"] = "" });
        Assert.Equal(HttpStatusCode.BadRequest, noOpinion.Response.StatusCode);

        // The approver sees it waiting in the queue, refuses without a reason (refused), then with one.
        Assert.NotNull((await Html.GetAsync(approver, "/staff")).QuerySelector($"#queue tr[data-code='{code}']"));
        var noReason = await Workbench.ActAsync(approver, code, CaseAction.RefuseExtension, new() { ["reason"] = "" });
        Assert.Equal(HttpStatusCode.BadRequest, noReason.Response.StatusCode);
        Assert.Contains("请填写不批准延期的理由", noReason.Page.QuerySelector("#problems")!.TextContent, StringComparison.Ordinal);
        var (refused, page) = await Workbench.ActAsync(approver, code, CaseAction.RefuseExtension, new() { ["reason"] = "可在法定期限内办结。" });
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        var found = await CaseAsync(code);
        Assert.Null(found.ExtensionRequestedDays);
        Assert.Equal(0, found.ExtensionDays);
        Assert.Equal(deadline, found.Deadline);
        Assert.Contains("不批准延长办理时限：可在法定期限内办结。", page.QuerySelector("#timeline")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Correction_OfAMaterialGivenAtTheWindow_TakesNoFileForIt()
    {
        var zhangsan = await Staff.SignInAsync(Hall, "zhangsan");
        var code = await TeacherApplication.SubmitAsync(Hall, zhangsan);
        var clerk = await Staff.SignInAsync(Hall, "clerk");
        var page = await Html.GetAsync(clerk, $"/staff/cases/{code}");
        var response = await Html.SubmitAsync(clerk, page, "#action-RequestCorrection", new Dictionary<string, string>
        {
            ["fix"] = "申请人居民身份证", ["why:申请人居民身份证"] = "身份证已过有效期，请携带新证到窗口核验。",
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);

        var mine = await Html.GetAsync(zhangsan, $"/account/me/cases/{code}");
        Assert.Contains("请按办事指南到窗口补正", mine.QuerySelector("#correction")!.TextContent, StringComparison.Ordinal);
        Assert.Empty(mine.QuerySelectorAll("#correction input[type=file]"));
        var crafted = await Html.SubmitAsync(zhangsan, mine, "#correction form", files: [("file:申请人居民身份证", "身份证.png", SampleFiles.Png)]);
        Assert.Equal(HttpStatusCode.BadRequest, crafted.StatusCode);
        Assert.Contains("无需在网上提交", (await Html.ParseAsync(crafted)).QuerySelector("#problems")!.TextContent, StringComparison.Ordinal);
        var found = await CaseAsync(code);
        Assert.Equal(CaseStage.CorrectionRequested, found.Stage);
        Assert.Equal(2, await Hall.WithDbAsync(db => db.CaseFiles.CountAsync(f => f.CaseId == found.Id, Cancel)));

        // Resubmitting after the window check needs no file.
        Assert.Equal(HttpStatusCode.Redirect, (await Html.SubmitAsync(zhangsan, mine, "#correction form")).StatusCode);
        Assert.Equal(CaseStage.Submitted, (await CaseAsync(code)).Stage);
    }

    [Fact]
    public async Task TwoClerksAtOnce_OneSucceeds_TheOtherIsToldTheCaseChanged_AndNothingIsOverwritten()
    {
        var zhangsan = await Staff.SignInAsync(Hall, "zhangsan");
        var code = await TeacherApplication.SubmitAsync(Hall, zhangsan);
        var first = await Staff.SignInAsync(Hall, "clerk");
        var second = await Staff.SignInAsync(Hall, "clerk");
        var seenByFirst = await Html.GetAsync(first, $"/staff/cases/{code}");
        var seenBySecond = await Html.GetAsync(second, $"/staff/cases/{code}");

        var (won, _) = await Workbench.ActAsync(first, code, CaseAction.Accept, seen: seenByFirst);
        Assert.Equal(HttpStatusCode.Redirect, won.StatusCode);
        var (lost, lostPage) = await Workbench.ActAsync(second, code, CaseAction.RequestCorrection,
            new() { ["fix"] = TeacherApplication.Photo, [$"why:{TeacherApplication.Photo}"] = "照片不清晰" }, seenBySecond);
        Assert.Equal(HttpStatusCode.Conflict, lost.StatusCode);
        Assert.Contains("已被他人处理", lostPage.QuerySelector("#problems")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("已受理", lostPage.QuerySelector("#stage")!.TextContent, StringComparison.Ordinal);

        var found = await CaseAsync(code);
        Assert.Equal(CaseStage.Accepted, found.Stage);
        Assert.Null(found.CorrectionNotice);
        Assert.Equal(2, await EventCountAsync(found.Id));
    }

    [Fact]
    public async Task BadActions_AreRefusedWithAClearMessage_AndChangeNothing()
    {
        var zhangsan = await Staff.SignInAsync(Hall, "zhangsan");
        var code = await TeacherApplication.SubmitAsync(Hall, zhangsan);
        var clerk = await Staff.SignInAsync(Hall, "clerk");
        var reviewer = await Staff.SignInAsync(Hall, "reviewer");
        var before = await CaseAsync(code);
        var page = await Html.GetAsync(clerk, $"/staff/cases/{code}");

        // Not allowed in this stage: decide on a case not yet accepted.
        var form = page.QuerySelector("#action-Accept")!;
        form.QuerySelector("input[name=action]")!.SetAttribute("value", "Decide");
        var decide = await Html.SubmitAsync(clerk, page, "#action-Accept", new Dictionary<string, string> { ["decision"] = "Granted" });
        Assert.Equal(HttpStatusCode.Conflict, decide.StatusCode);
        Assert.Contains("不能进行“作出决定”", (await Html.ParseAsync(decide)).QuerySelector("#problems")!.TextContent, StringComparison.Ordinal);

        // A role that may not take it: the reviewer has no action on the page, and the rule holds behind it.
        Assert.Empty((await Html.GetAsync(reviewer, $"/staff/cases/{code}")).QuerySelectorAll("form.action"));
        var byReviewer = await RunAsync(code, await StaffActorAsync("reviewer"), new AcceptCase(before.Revision));
        Assert.Equal("case.role_not_allowed", byReviewer.Errors.Single().Code);
        Assert.Contains("该环节由“窗口受理”岗办理", byReviewer.Errors[0].Message, StringComparison.Ordinal);

        // Without the reasons it requires: refusal without reason or legal basis, a notice with no item.
        var refuse = await Workbench.ActAsync(clerk, code, CaseAction.Refuse, new() { ["reason"] = "", ["legalBasis"] = "" });
        Assert.Equal(HttpStatusCode.BadRequest, refuse.Response.StatusCode);
        var problems = refuse.Page.QuerySelector("#problems")!.TextContent;
        Assert.Contains("请填写不予受理的理由", problems, StringComparison.Ordinal);
        Assert.Contains("请填写不予受理的法律依据", problems, StringComparison.Ordinal);
        var noItems = await Workbench.ActAsync(clerk, code, CaseAction.RequestCorrection);
        Assert.Equal(HttpStatusCode.BadRequest, noItems.Response.StatusCode);
        Assert.Contains("至少要列出一项", noItems.Page.QuerySelector("#problems")!.TextContent, StringComparison.Ordinal);

        var longBasis = await Workbench.ActAsync(clerk, code, CaseAction.Refuse, new() { ["reason"] = "不属于本机关管辖", ["legalBasis"] = new string('法', 501) });
        Assert.Equal(HttpStatusCode.BadRequest, longBasis.Response.StatusCode);
        Assert.Contains("法律依据不能超过 500 字", longBasis.Page.QuerySelector("#problems")!.TextContent, StringComparison.Ordinal);
        var unknownAction = await Html.SubmitAsync(clerk, await Html.GetAsync(clerk, $"/staff/cases/{code}"), "#action-Accept", new Dictionary<string, string> { ["action"] = "99" });
        Assert.Equal(HttpStatusCode.BadRequest, unknownAction.StatusCode);

        var after = await CaseAsync(code);
        Assert.Equal(before.Stage, after.Stage);
        Assert.Equal(before.Revision, after.Revision);
        Assert.Equal(1, await EventCountAsync(after.Id));
        Assert.Equal(0, await Hall.WithDbAsync(db => db.CaseDocuments.CountAsync(d => d.CaseId == after.Id, Cancel)));
    }

    [Fact]
    public async Task Refusal_IssuesANoticeWithReasonsBasisAndRights_AndTheApplicantCanNoLongerWithdraw()
    {
        var zhangsan = await Staff.SignInAsync(Hall, "zhangsan");
        var code = await TeacherApplication.SubmitAsync(Hall, zhangsan);
        var clerk = await Staff.SignInAsync(Hall, "clerk");
        var (refused, _) = await Workbench.ActAsync(clerk, code, CaseAction.Refuse, new()
        {
            ["reason"] = "申请人户籍及工作单位均不在本区，不属于本机关管辖。",
            ["legalBasis"] = "《中华人民共和国行政许可法》第三十二条第一款第（二）项",
        });
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);

        var mine = await Html.GetAsync(zhangsan, $"/account/me/cases/{code}");
        Assert.Null(mine.QuerySelector("#withdraw"));
        var link = mine.QuerySelectorAll("#documents a").Single(a => a.TextContent.Contains("不予受理通知书", StringComparison.Ordinal));
        var text = PdfReading.Text(await zhangsan.GetByteArrayAsync(link.GetAttribute("href"), Cancel));
        Assert.Contains("不属于本机关管辖", text, StringComparison.Ordinal);
        Assert.Contains("第三十二条第一款第（二）项", text, StringComparison.Ordinal);
        Assert.Contains("六十日内", text, StringComparison.Ordinal);
        Assert.Contains("六个月内", text, StringComparison.Ordinal);
        Assert.Equal(CaseStage.Refused, (await CaseAsync(code)).Stage);
    }

    [Fact]
    public async Task Applicant_WithdrawsBeforeADecision_OnlyAfterConfirming()
    {
        var zhangsan = await Staff.SignInAsync(Hall, "zhangsan");
        var code = await TeacherApplication.SubmitAsync(Hall, zhangsan);
        var mine = await Html.GetAsync(zhangsan, $"/account/me/cases/{code}");
        var unconfirmed = await Html.SubmitAsync(zhangsan, mine, "#withdraw form");
        Assert.Equal(HttpStatusCode.BadRequest, unconfirmed.StatusCode);
        Assert.Equal(CaseStage.Submitted, (await CaseAsync(code)).Stage);

        // Someone else (李四) cannot withdraw it: to them the case does not exist.
        var lisi = await Hall.WithDbAsync(db => db.Users.Where(u => u.UserName == "lisi").Select(u => u.Id).SingleAsync(Cancel));
        var notTheirs = await RunAsync(code, CaseActor.Applicant("李四", lisi), new WithdrawCase((await CaseAsync(code)).Revision));
        Assert.Equal("case.not_found", notTheirs.Errors.Single().Code);
        Assert.Equal(HttpStatusCode.NotFound, (await (await Staff.SignInAsync(Hall, "lisi")).GetAsync($"/account/me/cases/{code}", Cancel)).StatusCode);

        var confirmed = await Html.SubmitAsync(zhangsan, mine, "#withdraw form", new Dictionary<string, string> { ["confirmed"] = "true" });
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        Assert.Equal(CaseStage.Withdrawn, (await CaseAsync(code)).Stage);

        // 我的办件 no longer asks the applicant to wait.
        var list = await Html.GetAsync(zhangsan, "/account/me/cases?show=ended");
        var row = list.QuerySelectorAll("tr").Single(r => r.TextContent.Contains(TrackingCode.Display(code), StringComparison.Ordinal));
        Assert.Contains("已撤回，无需操作", row.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("请等待", row.TextContent, StringComparison.Ordinal);
    }

    // The district hall's filing of the admissions brochure for the demo school, with the
    // three materials the school gives itself.
    private async Task<HttpResponseMessage> PartnerFilingAsync(string itemCode, string schoolName, string key, string agent = "lisi")
    {
        var (_, agentName, idNumber, phone) = GovHall.Web.Hosting.Data.DemoData.PersonAccounts.Single(a => a.UserName == agent);
        var files = new System.Text.Json.Nodes.JsonArray();
        foreach (var material in new[] { "招生简章和广告备案表", "招生简章、广告样稿", "收费标准依据" })
        {
            files.Add(new System.Text.Json.Nodes.JsonObject { ["material"] = material, ["fileName"] = "材料.pdf", ["contentBase64"] = Convert.ToBase64String(SampleFiles.Pdf) });
        }

        var body = new System.Text.Json.Nodes.JsonObject
        {
            ["itemCode"] = itemCode,
            ["applicant"] = new System.Text.Json.Nodes.JsonObject
            {
                ["type"] = "Organization", ["name"] = agentName, ["idNumber"] = idNumber, ["phone"] = phone,
                ["organizationName"] = schoolName, ["creditCode"] = "52310112MJ4782133B",
            },
            ["answers"] = new System.Text.Json.Nodes.JsonObject(),
            ["files"] = files,
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/cases") { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", key);
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", await PartnerApi.TokenAsync(Client, "cases.submit"));
        return await Client.SendAsync(request, Cancel);
    }

    private static string Openssl(string folder, string payload)
    {
        var start = new ProcessStartInfo("openssl", ["dgst", "-sha256", "-verify", "key.pem", "-signature", "signature.der", payload])
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        process.WaitForExit();
        return output.Trim();
    }
}

public sealed class HandlingTests_Sqlite(SqliteClockHall hall) : HandlingTests(hall), IClassFixture<SqliteClockHall>;

public sealed class HandlingTests_Postgres(PostgresClockHall hall) : HandlingTests(hall), IClassFixture<PostgresClockHall>;
