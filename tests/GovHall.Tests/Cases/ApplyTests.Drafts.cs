using System.Net;
using System.Text.Json.Nodes;
using AngleSharp.Dom;
using GovHall.Core;
using GovHall.Core.Cases;
using GovHall.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GovHall.Tests.Cases;

// Drafts as a person keeps them: rows, situations, the elder switch, answers typed wrongly,
// expiry, pressing start twice, and what a new version of the item does to a draft.
public abstract partial class ApplyTests
{
    // Repeating rows: 保存并添加一行 saves and comes back with one more empty row, keeping the
    // rows typed; Enter still means 保存并继续 (the form's first button).
    [Fact]
    public async Task SaveAndAddARow_OnRepeatingRows_KeepsTheRowsAndOffersAnother()
    {
        var zhangsan = await Staff.SignInAsync(Hall, "zhangsan");
        var formUrl = await OnlineApplication.StartAsync(zhangsan, await ItemCodeAsync(Demo.TeacherQualification), "小学教师资格");
        var form = await Html.GetAsync(zhangsan, formUrl);
        Assert.Equal("continue", form.QuerySelector("button[form='apply-form'], #apply-form button[type=submit]")!.GetAttribute("value"));
        var add = form.QuerySelector("button[value='row:experience']");
        Assert.NotNull(add);

        // A date's bounds limit the browser's date picker too: 出生日期 from 1950 to today.
        var birth = form.QuerySelector("#f-birthDate")!;
        Assert.Equal("1950-01-01", birth.GetAttribute("min"));
        var today = GovHall.Core.ChinaDate.Today(Hall.Services.GetRequiredService<TimeProvider>());
        Assert.Equal(today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), birth.GetAttribute("max"));

        var saved = await Html.SubmitAsync(zhangsan, form, "main form", TeacherApplication.Answers(), "next", "row:experience");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal($"{formUrl}?more=experience#field-experience", saved.Headers.Location!.OriginalString);
        var again = await Html.GetAsync(zhangsan, saved.Headers.Location.OriginalString);
        Assert.Equal("上海师范大学", again.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("input[name='a.experience[0].place']")!.Value);
        Assert.Equal("", again.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("input[name='a.experience[1].place']")!.Value);

        // Pressed again with the last row still empty, it still gives one more.
        Assert.Equal("", again.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("input[name='a.experience[2].place']")!.Value);
        var plain = await Html.GetAsync(zhangsan, formUrl);
        Assert.Null(plain.QuerySelector("input[name='a.experience[2].place']"));
    }

    // A person who chose the wrong situation changes it on the draft: the answers stay, the
    // files of materials the new situation does not ask for go, and they are told which.
    [Fact]
    public async Task ChangeSituation_OnADraft_KeepsTheAnswers_AndDropsFilesNoLongerAsked()
    {
        var zhangsan = await Staff.SignInAsync(Hall, "zhangsan");
        var formUrl = await OnlineApplication.StartAsync(zhangsan, await ItemCodeAsync("教师资格证书补发、换发"), "遗失补发");
        var draftId = Guid.Parse(formUrl.Split('/')[3]);
        var materialsUrl = formUrl.Replace("/form", "/materials", StringComparison.Ordinal);
        await OnlineApplication.UploadAsync(zhangsan, materialsUrl, "遗失声明", "遗失声明.pdf", [.. SampleFiles.Pdf, .. Guid.NewGuid().ToByteArray()]);
        await OnlineApplication.UploadAsync(zhangsan, materialsUrl, TeacherApplication.Photo, "照片.png", SampleFiles.Png);

        var form = await Html.GetAsync(zhangsan, formUrl);
        var unknown = await Html.SubmitAsync(zhangsan, form, "form[action*='handler=Situation']", new Dictionary<string, string> { ["situation"] = "不存在的情形" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, unknown.StatusCode);
        Assert.Contains("请选择本事项的一种办理情形", (await Html.ParseAsync(unknown)).Text(), StringComparison.Ordinal);
        Assert.Equal("遗失补发", await Hall.WithDbAsync(db => db.ApplicationDrafts.Where(d => d.Id == draftId).Select(d => d.Situation).SingleAsync(Cancel)));

        var changed = await Html.SubmitAsync(zhangsan, form, "form[action*='handler=Situation']", new Dictionary<string, string> { ["situation"] = "损毁换发" });
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        var after = await Html.GetAsync(zhangsan, changed.Headers.Location!.OriginalString);
        Assert.Contains("办理情形：损毁换发", after.Text(), StringComparison.Ordinal);
        Assert.Contains("该情形不需要“遗失声明”，为其上传的文件已移除", after.QuerySelector(".notice.ok")!.TextContent, StringComparison.Ordinal);
        var left = await Hall.WithDbAsync(db => db.DraftFiles.Where(f => f.DraftId == draftId).Select(f => f.Material).ToListAsync(Cancel));
        Assert.Equal([TeacherApplication.Photo], left);
    }

    // 长辈版 switched on the form page saves what was typed before the page comes back larger.
    [Fact]
    public async Task ElderSwitch_OnTheFormPage_KeepsWhatWasTyped()
    {
        var zhangsan = await Staff.SignInAsync(Hall, "zhangsan");
        var formUrl = await OnlineApplication.StartAsync(zhangsan, await ItemCodeAsync(Demo.TeacherQualification), "小学教师资格");
        var form = await Html.GetAsync(zhangsan, formUrl);
        var toggle = form.QuerySelector("header button[form='apply-form']")!;
        Assert.Equal("elder:on", toggle.GetAttribute("value"));

        var switched = await Html.SubmitAsync(zhangsan, form, "#apply-form", new Dictionary<string, string> { ["a.school"] = "华东师范大学" }, "next", "elder:on");
        Assert.Equal(HttpStatusCode.Redirect, switched.StatusCode);
        Assert.Equal(formUrl, switched.Headers.Location!.OriginalString);
        var larger = await Html.GetAsync(zhangsan, formUrl);
        Assert.Contains("elder", larger.Body!.ClassName ?? "", StringComparison.Ordinal);
        Assert.Equal("华东师范大学", larger.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#f-school")!.Value);
        Assert.Equal("elder:off", larger.QuerySelector("header button[form='apply-form']")!.GetAttribute("value"));

        // On the check page the switch keeps the ticked declaration, and does not submit.
        await Html.SubmitAsync(zhangsan, larger, "#apply-form", TeacherApplication.Answers(), "next", "continue");
        var checkUrl = formUrl.Replace("/form", "/check", StringComparison.Ordinal);
        var check = await Html.GetAsync(zhangsan, checkUrl);
        var toggle2 = check.QuerySelector("header button[form='check-form']")!;
        Assert.Equal($"{checkUrl}?handler=Elder", toggle2.GetAttribute("formaction"));
        var kept = await zhangsan.PostAsync($"{checkUrl}?handler=Elder", new FormUrlEncodedContent(
        [
            new("declared", "true"), new("next", "elder:off"),
            new("__RequestVerificationToken", check.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!),
        ]), Cancel);
        Assert.Equal(HttpStatusCode.Redirect, kept.StatusCode);
        var back = await Html.GetAsync(zhangsan, kept.Headers.Location!.OriginalString);
        Assert.True(back.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#declared input")!.IsChecked);
        Assert.DoesNotContain("elder", back.Body!.ClassName ?? "", StringComparison.Ordinal);
        var draftId = Guid.Parse(formUrl.Split('/')[3]);
        Assert.False(await Hall.WithDbAsync(db => db.Cases.AnyAsync(c => c.SubmissionKey == $"draft:{draftId}", Cancel)));
    }

    [Fact]
    public async Task WronglyTypedAnswers_AreShownInPlace_AndKeptForCorrection()
    {
        var lisi = await Staff.SignInAsync(Hall, "lisi");
        var code = await ItemCodeAsync("民办、中外合作开办中等及以下学校和其他教育机构筹设审批");
        var start = await Html.GetAsync(lisi, $"/apply/{code}");
        var school = start.QuerySelectorAll("input[name=Applicant]").Single(i => i.GetAttribute("value") != "self").GetAttribute("value")!;
        var started = await Html.SubmitAsync(lisi, start, "main form", new Dictionary<string, string> { ["Situation"] = "举办者为社会组织", ["Applicant"] = school });
        var formUrl = started.Headers.Location!.OriginalString;
        var form = await Html.GetAsync(lisi, formUrl);

        // Prefilled from the organisation the agent acts for.
        Assert.Equal("52310112MJ4782133B", form.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#f-creditCode")!.Value);

        var response = await Html.SubmitAsync(lisi, form, "main form", new Dictionary<string, string>
        {
            ["a.schoolName"] = "示例学校", ["a.schoolType"] = "小学", ["a.funds"] = "三百万", ["a.address"] = "上海市闵行区示例路 2 号", ["a.phone"] = "12345",
        }, "next", "continue");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var shown = await Html.ParseAsync(response);
        Assert.Contains("应为数字", shown.QuerySelector("#field-funds")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("11 位手机号码", shown.QuerySelector("#field-phone")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("三百万", shown.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#f-funds")!.Value);
        Assert.Equal("示例学校", shown.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#f-schoolName")!.Value);
    }

    [Fact]
    public async Task ExpiredDraft_CannotBeResumed_AndHousekeepingRemovesIt()
    {
        var zhangsan = await Staff.SignInAsync(Hall, "zhangsan");
        var formUrl = await OnlineApplication.StartAsync(zhangsan, await ItemCodeAsync(Demo.Transfer), "本市户籍市内跨区转入");
        var draftId = Guid.Parse(formUrl.Split('/')[3]);
        var expires = await Hall.WithDbAsync(db => db.ApplicationDrafts.Where(d => d.Id == draftId).Select(d => d.ExpiresAt).SingleAsync(Cancel));
        var created = await Hall.WithDbAsync(db => db.ApplicationDrafts.Where(d => d.Id == draftId).Select(d => d.CreatedAt).SingleAsync(Cancel));
        Assert.Equal(30, (expires - created).TotalDays, 3);

        await Hall.WithDbAsync(db => db.ApplicationDrafts.Where(d => d.Id == draftId)
            .ExecuteUpdateAsync(set => set.SetProperty(d => d.ExpiresAt, DateTime.UnixEpoch), Cancel));
        var expired = await zhangsan.GetAsync(formUrl, Cancel);
        Assert.Equal(HttpStatusCode.NotFound, expired.StatusCode);
        Assert.Contains("没有找到该草稿，它可能已过期或已提交。", (await Html.ParseAsync(expired)).QuerySelector("[role=alert]")!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain((await Html.GetAsync(zhangsan, "/account/me/cases")).QuerySelectorAll("a"), a => a.GetAttribute("href") == formUrl);

        await Hall.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<GovHall.Web.Hosting.Workers.Housekeeping>().Single().RunOnceAsync(Cancel);
        Assert.False(await Hall.WithDbAsync(db => db.ApplicationDrafts.AnyAsync(d => d.Id == draftId, Cancel)));
    }

    [Fact]
    public async Task FieldRemovedInANewVersion_ItsAnswerLeavesTheDraft_AndIsNotAnError()
    {
        var zhangsan = await Staff.SignInAsync(Hall, "zhangsan");
        var code = await ItemCodeAsync("受理教师申诉");
        var formUrl = await OnlineApplication.StartAsync(zhangsan, code, null);
        var draftId = Guid.Parse(formUrl.Split('/')[3]);
        var accountId = await Hall.WithDbAsync(db => db.Users.Where(u => u.UserName == "zhangsan").Select(u => u.Id).SingleAsync(Cancel));
        await using (var scope = Hall.Services.CreateAsyncScope())
        {
            var saveAnswers = scope.ServiceProvider.GetRequiredService<SaveDraftAnswers>();
            var saved = await saveAnswers.RunAsync(draftId, accountId, new JsonObject { ["facts"] = "处分决定认定事实有误。" }, ["facts"], Cancel);
            Assert.True(saved.Succeeded);
        }

        // A new version without the field "facts".
        await using (var scope = Hall.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<HallDbContext>();
            var item = await db.ServiceItems.AsNoTracking().SingleAsync(i => i.Code == code, Cancel);
            var content = (await GovHall.Core.Catalog.ItemQueries.VersionAsync(db, code, item.CurrentVersion, Cancel)).Value!.Content;
            content.Form.Fields.RemoveAll(f => f.Key == "facts");
            var draft = await scope.ServiceProvider.GetRequiredService<GovHall.Core.Catalog.SaveDraft>().RunAsync(content, item.Revision, "test", Cancel);
            Assert.True(draft.Succeeded);
            var published = await scope.ServiceProvider.GetRequiredService<GovHall.Core.Catalog.PublishItem>()
                .RunAsync(code, new GovHall.Core.Catalog.PublicationNote("测试：删去一个字段", "测试依据"), draft.Value!.Revision, "test", Cancel);
            Assert.True(published.Succeeded, string.Join(" ", published.Errors.Select(e => e.Message)));
        }

        await using (var scope = Hall.Services.CreateAsyncScope())
        {
            var view = (await scope.ServiceProvider.GetRequiredService<Drafts>().LoadAsync(draftId, accountId, Cancel)).Value!;
            Assert.False(view.Answers.ContainsKey("facts"));
            var check = FormAnswers.Check(view.Content.Form, view.Draft.Situation, view.Answers, GovHall.Core.ChinaDate.Today(TimeProvider.System), complete: true);
            Assert.DoesNotContain(check.Errors, e => e.Field == "facts");
        }

        var checkPage = await Html.GetAsync(zhangsan, formUrl.Replace("/form", "/check", StringComparison.Ordinal));
        Assert.DoesNotContain("表单中没有", checkPage.Text(), StringComparison.Ordinal);
    }

    // An answer that brings in an optional field shows it before the person goes on: the form
    // comes back with the new field and a notice naming it, and the next save goes on.
    [Fact]
    public async Task AnswerThatBringsInAnOptionalField_ShowsItBeforeGoingOn()
    {
        var code = await ItemCodeAsync("受理教师申诉");
        await using (var scope = Hall.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<HallDbContext>();
            var item = await db.ServiceItems.AsNoTracking().SingleAsync(i => i.Code == code, Cancel);
            var content = (await GovHall.Core.Catalog.ItemQueries.VersionAsync(db, code, item.CurrentVersion, Cancel)).Value!.Content;
            content.Form.Fields.RemoveAll(f => f.Key is "hearing" or "hearingReason" or "witnesses");
            content.Form.Fields.Add(new GovHall.Core.Catalog.FormField
            {
                Key = "witnesses", Label = "证明人", Kind = GovHall.Core.Catalog.FieldKind.Rows,
                Columns =
                [
                    new GovHall.Core.Catalog.FormField { Key = "name", Label = "姓名", Kind = GovHall.Core.Catalog.FieldKind.Text, Required = true },
                    new GovHall.Core.Catalog.FormField { Key = "relation", Label = "与申请人关系", Kind = GovHall.Core.Catalog.FieldKind.Choice, Options = ["同事", "学生", "其他"] },
                ],
            });
            content.Form.Fields.Add(new GovHall.Core.Catalog.FormField { Key = "hearing", Label = "是否申请听证", Kind = GovHall.Core.Catalog.FieldKind.Choice, Options = ["是", "否"] });
            content.Form.Fields.Add(new GovHall.Core.Catalog.FormField
            {
                Key = "hearingReason", Label = "申请听证的理由", Kind = GovHall.Core.Catalog.FieldKind.LongText,
                ShowWhen = new GovHall.Core.Catalog.FieldCondition { Field = "hearing", Values = ["是"] },
            });
            var draft = await scope.ServiceProvider.GetRequiredService<GovHall.Core.Catalog.SaveDraft>().RunAsync(content, item.Revision, "test", Cancel);
            Assert.True(draft.Succeeded, string.Join(" ", draft.Errors.Select(e => e.Message)));
            var published = await scope.ServiceProvider.GetRequiredService<GovHall.Core.Catalog.PublishItem>()
                .RunAsync(code, new GovHall.Core.Catalog.PublicationNote("测试：增加一个按回答显示的字段", "测试依据"), draft.Value!.Revision, "test", Cancel);
            Assert.True(published.Succeeded, string.Join(" ", published.Errors.Select(e => e.Message)));
        }

        var zhangsan = await Staff.SignInAsync(Hall, "zhangsan");
        var formUrl = await OnlineApplication.StartAsync(zhangsan, code, null);
        var form = await Html.GetAsync(zhangsan, formUrl);
        Assert.Null(form.QuerySelector("#f-hearingReason"));

        // A choice column of a table offers its options, and the header says which are optional.
        var relation = form.QuerySelector<AngleSharp.Html.Dom.IHtmlSelectElement>("select[name='a.witnesses[0].relation']")!;
        Assert.Equal(["", "同事", "学生", "其他"], relation.Options.Select(o => o.Value));
        Assert.Contains("与申请人关系（选填）", form.QuerySelector("#field-witnesses thead")!.TextContent, StringComparison.Ordinal);
        var answers = new Dictionary<string, string>
        {
            ["a.school"] = "闵行区示例小学", ["a.decisionDate"] = "2026-10-09", ["a.request"] = "撤销处分决定。",
            ["a.facts"] = "处分决定认定事实有误。", ["a.hearing"] = "是",
            ["a.witnesses[0].name"] = "李老师", ["a.witnesses[0].relation"] = "同事",
        };
        var saved = await Html.SubmitAsync(zhangsan, form, "main form", answers, "next", "continue");

        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        var shown = await Html.ParseAsync(saved);
        Assert.Contains("根据您的回答，还需要填写：申请听证的理由", shown.QuerySelector("[role=status]")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(shown.QuerySelector("#f-hearingReason"));
        Assert.Null(shown.QuerySelector(".validation-summary-errors"));
        Assert.Equal("同事", shown.QuerySelector<AngleSharp.Html.Dom.IHtmlSelectElement>("select[name='a.witnesses[0].relation']")!.Value);
        var onward = await Html.SubmitAsync(zhangsan, shown, "main form", new Dictionary<string, string> { ["a.hearingReason"] = "事实需要当面说明。" }, "next", "continue");
        Assert.Equal(HttpStatusCode.Redirect, onward.StatusCode);
        Assert.EndsWith("/materials", onward.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    // 开始填写 pressed twice makes one draft; a page gone back to, with another situation
    // chosen, makes a new one.
    [Fact]
    public async Task StartPressedTwice_MakesOneDraft_AnotherChoiceMakesAnother()
    {
        var code = await ItemCodeAsync(Demo.Transfer);
        var zhangsan = await Staff.SignInAsync(Hall, "zhangsan");
        var accountId = await Hall.WithDbAsync(db => db.Users.Where(u => u.UserName == "zhangsan").Select(u => u.Id).SingleAsync(Cancel));
        Task<int> DraftsAsync() => Hall.WithDbAsync(db => db.ApplicationDrafts.CountAsync(d => d.AccountId == accountId && d.ItemCode == code, Cancel));
        var before = await DraftsAsync();

        var start = await Html.GetAsync(zhangsan, $"/apply/{code}");
        var choice = new Dictionary<string, string> { ["Situation"] = "本市户籍市内跨区转入" };
        var first = await Html.SubmitAsync(zhangsan, start, "main form", choice);
        var second = await Html.SubmitAsync(zhangsan, start, "main form", choice);
        Assert.Equal(HttpStatusCode.Redirect, second.StatusCode);
        Assert.Equal(first.Headers.Location, second.Headers.Location);
        Assert.Equal(before + 1, await DraftsAsync());

        var otherChoice = new Dictionary<string, string> { ["Situation"] = "外省市或境外转入（本市户籍）" };
        var other = await Html.SubmitAsync(zhangsan, start, "main form", otherChoice);
        Assert.Equal(HttpStatusCode.Redirect, other.StatusCode);
        Assert.NotEqual(first.Headers.Location, other.Headers.Location);
        Assert.Equal(other.Headers.Location, (await Html.SubmitAsync(zhangsan, start, "main form", otherChoice)).Headers.Location);
        Assert.Equal(before + 2, await DraftsAsync());
        var draftId = Guid.Parse(other.Headers.Location!.OriginalString.Split('/')[3]);
        Assert.Equal("外省市或境外转入（本市户籍）", await Hall.WithDbAsync(db => db.ApplicationDrafts.Where(d => d.Id == draftId).Select(d => d.Situation).SingleAsync(Cancel)));
    }

    // A new version that drops the situation a draft was started for: the draft's pages say so,
    // submitting it makes no case, and the page offers the situations there are now.
    [Fact]
    public async Task SituationDroppedByANewVersion_StopsTheDraftWithTheReason()
    {
        const string dropped = "非本市户籍随迁子女转入";
        var code = await ItemCodeAsync(Demo.Transfer);
        var zhangsan = await Staff.SignInAsync(Hall, "zhangsan");
        var formUrl = await OnlineApplication.StartAsync(zhangsan, code, dropped);
        var draftId = Guid.Parse(formUrl.Split('/')[3]);
        var original = await PublishTransferAsync(code, json => json.Replace($"\"{dropped}\"", "\"非本市户籍随迁子女转入（新规）\"", StringComparison.Ordinal));
        try
        {
            var form = await zhangsan.GetAsync(formUrl, Cancel);
            Assert.Equal(HttpStatusCode.Gone, form.StatusCode);
            var page = await Html.ParseAsync(form);
            Assert.Equal("办理情形已调整", page.QuerySelector("h1")!.TextContent);
            Assert.Contains($"草稿所选的“{dropped}”已不再适用", page.QuerySelector("[role=alert]")!.TextContent, StringComparison.Ordinal);

            await using var scope = Hall.Services.CreateAsyncScope();
            var accountId = await Hall.WithDbAsync(db => db.Users.Where(u => u.UserName == "zhangsan").Select(u => u.Id).SingleAsync(Cancel));
            var submitted = await scope.ServiceProvider.GetRequiredService<SubmitDraft>().RunAsync(draftId, accountId, declared: true, Cancel);
            Assert.Equal("draft.situation_gone", Assert.Single(submitted.Errors).Code);
            Assert.False(await Hall.WithDbAsync(db => db.Cases.AnyAsync(c => c.SubmissionKey == $"draft:{draftId}", Cancel)));

            var chosen = await Html.SubmitAsync(zhangsan, page, "main form", new Dictionary<string, string> { ["situation"] = "非本市户籍随迁子女转入（新规）" });
            Assert.Equal(HttpStatusCode.Redirect, chosen.StatusCode);
            var resumed = await Html.GetAsync(zhangsan, chosen.Headers.Location!.OriginalString);
            Assert.Contains("办理情形：非本市户籍随迁子女转入（新规）", resumed.Text(), StringComparison.Ordinal);
        }
        finally
        {
            await PublishTransferAsync(code, _ => original);
        }

        // The version after drops the situation chosen now: the page says so again.
        Assert.Equal(HttpStatusCode.Gone, (await zhangsan.GetAsync(formUrl, Cancel)).StatusCode);
    }

    // A new version that no longer takes a material online (here: renamed) leaves the file given
    // for it out of the draft, instead of a problem the person has no place to fix.
    [Fact]
    public async Task NewVersion_WithoutAMaterialAFileWasGivenFor_LeavesTheFileOut()
    {
        var code = await ItemCodeAsync(Demo.Transfer);
        var zhangsan = await Staff.SignInAsync(Hall, "zhangsan");
        var formUrl = await OnlineApplication.StartAsync(zhangsan, code, "本市户籍市内跨区转入");
        var materialsUrl = formUrl.Replace("/form", "/materials", StringComparison.Ordinal);
        await OnlineApplication.UploadAsync(zhangsan, materialsUrl, "实际居住证明", "居住证明.pdf", [.. SampleFiles.Pdf, .. Guid.NewGuid().ToByteArray()]);
        var original = await PublishTransferAsync(code, json => json.Replace("\"实际居住证明\"", "\"实际居住证明（新）\"", StringComparison.Ordinal));
        try
        {
            var materials = await Html.GetAsync(zhangsan, materialsUrl);
            Assert.DoesNotContain(materials.QuerySelectorAll("ul.files li"), li => li.TextContent.Contains("居住证明.pdf", StringComparison.Ordinal));
            var check = await Html.GetAsync(zhangsan, materialsUrl.Replace("/materials", "/check", StringComparison.Ordinal));
            var problems = check.QuerySelector(".validation-summary-errors")?.TextContent ?? "";
            Assert.DoesNotContain("本情形没有", problems, StringComparison.Ordinal);
            Assert.Contains("请上传“实际居住证明（新）”", problems, StringComparison.Ordinal);
        }
        finally
        {
            await PublishTransferAsync(code, _ => original);
        }

        Assert.Contains((await Html.GetAsync(zhangsan, materialsUrl)).QuerySelectorAll("ul.files li"), li => li.TextContent.Contains("居住证明.pdf", StringComparison.Ordinal));
    }
}
