using System.Net;
using GovHall.Core.Cases;
using GovHall.Core.Notifications;
using GovHall.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GovHall.Tests.Cases;

// A one-time notice may reopen answers of the application form (issue 22, part 4): the
// applicant changes only the fields it names, and the case keeps both versions.
public abstract partial class HandlingTests
{
    [Fact]
    public async Task Correction_OfAFormAnswer_TheApplicantChangesOnlyThatField_AndBothVersionsAreKept()
    {
        var zhangsan = await Staff.SignInAsync(Hall, "zhangsan");
        var code = await TeacherApplication.SubmitAsync(Hall, zhangsan);
        var clerk = await Staff.SignInAsync(Hall, "clerk");

        // A field that is not on the form, or no reason: refused, nothing changes.
        var staffPage = await Html.GetAsync(clerk, $"/staff/cases/{code}");
        Assert.NotNull(staffPage.QuerySelector("#action-RequestCorrection input[name=fixField][value=school]"));
        var (unknown, unknownPage) = await Workbench.ActAsync(clerk, code, CaseAction.RequestCorrection,
            new() { ["fixField"] = "nickname", ["whyField:nickname"] = "请更正" }, staffPage);
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("请从本事项申请表的栏目中选择", unknownPage.QuerySelector("#problems")!.TextContent, StringComparison.Ordinal);
        var (noReason, _) = await Workbench.ActAsync(clerk, code, CaseAction.RequestCorrection, new() { ["fixField"] = "school" });
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Equal(CaseStage.Submitted, (await CaseAsync(code)).Stage);

        var (asked, _) = await Workbench.ActAsync(clerk, code, CaseAction.RequestCorrection,
            new() { ["fixField"] = "school", ["whyField:school"] = "毕业学校应填写毕业证书上的全称。" });
        Assert.Equal(HttpStatusCode.Redirect, asked.StatusCode);
        var before = await CaseAsync(code);
        var notice = await Hall.WithDbAsync(db => db.Notifications.AsNoTracking()
            .Where(n => n.CaseId == before.Id && n.Kind == NotificationKind.CorrectionRequested && n.Channel == NotificationChannel.Inbox).SingleAsync(Cancel));
        Assert.Contains("申请表“毕业学校”：毕业学校应填写毕业证书上的全称。", notice.Body, StringComparison.Ordinal);

        // The applicant sees the field, its old answer, and an input for it alone.
        var mine = await Html.GetAsync(zhangsan, $"/account/me/cases/{code}");
        var correction = mine.QuerySelector("#correction")!;
        Assert.Contains("申请表“毕业学校”", correction.TextContent, StringComparison.Ordinal);
        Assert.Equal("上海师范大学", correction.QuerySelector(".correct-answer[data-field=school] .before")!.TextContent);
        Assert.Single(correction.QuerySelectorAll("input[name^='answer:']"));

        // An empty answer, or a field the notice did not name: refused, nothing changes.
        var empty = await Html.SubmitAsync(zhangsan, mine, "#correction form", new Dictionary<string, string> { ["answer:school"] = " " });
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Contains("请填写更正后的申请表“毕业学校”", (await Html.ParseAsync(empty)).QuerySelector("#problems")!.TextContent, StringComparison.Ordinal);
        var crafted = await Html.SubmitAsync(zhangsan, mine, "#correction form",
            new Dictionary<string, string> { ["answer:school"] = "上海师范大学（全称）", ["answer:subject"] = "小学语文" });
        Assert.Equal(HttpStatusCode.BadRequest, crafted.StatusCode);
        Assert.Contains("只能修改补正告知中列出的申请表栏目", (await Html.ParseAsync(crafted)).QuerySelector("#problems")!.TextContent, StringComparison.Ordinal);
        var unchanged = await CaseAsync(code);
        Assert.Equal(CaseStage.CorrectionRequested, unchanged.Stage);
        Assert.Equal(before.AnswersProtected, unchanged.AnswersProtected);
        Assert.Equal(0, await Hall.WithDbAsync(db => db.CaseAnswerVersions.CountAsync(v => v.CaseId == before.Id, Cancel)));

        var done = await Html.SubmitAsync(zhangsan, mine, "#correction form", new Dictionary<string, string> { ["answer:school"] = "上海师范大学教育学院" });
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        var after = await CaseAsync(code);
        Assert.Equal(CaseStage.Submitted, after.Stage);

        // Both versions, encrypted; only the named field differs.
        var version = await Hall.WithDbAsync(db => db.CaseAnswerVersions.AsNoTracking().SingleAsync(v => v.CaseId == before.Id, Cancel));
        Assert.Equal(before.AnswersProtected, version.AnswersProtected);
        Assert.DoesNotContain("上海师范大学", version.AnswersProtected + after.AnswersProtected, StringComparison.Ordinal);
        await using (var scope = Hall.Services.CreateAsyncScope())
        {
            var answers = scope.ServiceProvider.GetRequiredService<CaseAnswers>();
            var old = answers.Of(before);
            var now = answers.Of(after);
            Assert.Equal("上海师范大学", old["school"]!.ToString());
            Assert.Equal("上海师范大学教育学院", now["school"]!.ToString());
            Assert.Equal(old.Where(a => a.Key != "school").Select(a => $"{a.Key}={a.Value?.ToJsonString()}"),
                now.Where(a => a.Key != "school").Select(a => $"{a.Key}={a.Value?.ToJsonString()}"));
        }

        // Staff and applicant see old and new side by side.
        foreach (var page in new[] { await Html.GetAsync(clerk, $"/staff/cases/{code}"), await Html.GetAsync(zhangsan, $"/account/me/cases/{code}") })
        {
            var row = page.QuerySelector("#answer-changes tbody tr")!;
            Assert.Contains("毕业学校", row.TextContent, StringComparison.Ordinal);
            Assert.Equal("上海师范大学", row.QuerySelector(".before")!.TextContent);
            Assert.Equal("上海师范大学教育学院", row.QuerySelector(".after")!.TextContent);
        }

        Assert.Contains("上海师范大学教育学院", (await Html.GetAsync(clerk, $"/staff/cases/{code}")).QuerySelector("#answers")!.TextContent, StringComparison.Ordinal);
    }
}
