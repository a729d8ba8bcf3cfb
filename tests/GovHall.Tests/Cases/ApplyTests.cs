using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using GovHall.Core;
using AngleSharp.Dom;
using GovHall.Core.Cases;
using GovHall.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GovHall.Tests.Cases;

// Applying online through the pages: situation, form, materials, check, declaration, submit;
// drafts that are saved and resumed; files refused for what they are; exactly one case.
public abstract class ApplyTests(HallFactory hall) : HallTest(hall)
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
        Assert.Contains("310***********1233", check.Text(), StringComparison.Ordinal);
        Assert.DoesNotContain("310112199001011233", check.Text(), StringComparison.Ordinal);
        Assert.DoesNotContain("13800000001", check.Text(), StringComparison.Ordinal);
        Assert.DoesNotContain("示例路 1 号", check.Text(), StringComparison.Ordinal);
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

    [Theory]
    [InlineData("申请表.pdf", "png", "file.type_mismatch", "内容不是 PDF")]
    [InlineData("申请表.pdf", "empty", "file.empty", "是空的")]
    [InlineData("申请表.pdf", "huge", "file.too_large", "超过了 10 MB")]
    [InlineData("../../etc/申请表.pdf", "pdf", "file.bad_name", "不能包含路径")]
    [InlineData("申请表.exe", "pdf", "file.type_not_allowed", "只能上传")]
    public async Task BadFile_IsRefusedWithAClearMessage_AndNothingIsStored(string fileName, string kind, string code, string message)
    {
        var zhangsan = await Staff.SignInAsync(Hall, "zhangsan");
        var formUrl = await OnlineApplication.StartAsync(zhangsan, await ItemCodeAsync(Demo.TeacherQualification), "幼儿园教师资格");
        var materialsUrl = formUrl.Replace("/form", "/materials", StringComparison.Ordinal);
        var draftId = Guid.Parse(formUrl.Split('/')[3]);
        var content = kind switch
        {
            "png" => SampleFiles.Png,
            "empty" => [],
            "huge" => [.. SampleFiles.Pdf, .. new byte[(10 * 1024 * 1024) + 1]],
            _ => [.. SampleFiles.Pdf, .. "%unique "u8.ToArray(), .. Guid.NewGuid().ToByteArray()],
        };
        var storedBefore = await Hall.WithDbAsync(db => db.StoredFiles.CountAsync(Cancel));
        var filesBefore = Directory.Exists(Path.Combine(Hall.DataDirectory, "files"))
            ? Directory.EnumerateFiles(Path.Combine(Hall.DataDirectory, "files"), "*", SearchOption.AllDirectories).Count()
            : 0;

        var page = await Html.GetAsync(zhangsan, materialsUrl);
        var form = page.QuerySelectorAll("form[action*='handler=Upload']")
            .Single(f => f.QuerySelector("input[name=material]")!.GetAttribute("value") == TeacherApplication.HealthCheck);
        form.Id = "upload-target";
        var response = await Html.SubmitAsync(zhangsan, page, "#upload-target", files: [("file", fileName, content)]);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var shown = await Html.ParseAsync(response);
        Assert.Contains(message, shown.QuerySelector("[role=alert]")!.TextContent, StringComparison.Ordinal);
        Assert.False(await Hall.WithDbAsync(db => db.DraftFiles.AnyAsync(f => f.DraftId == draftId, Cancel)));
        Assert.Equal(storedBefore, await Hall.WithDbAsync(db => db.StoredFiles.CountAsync(Cancel)));
        var filesAfter = Directory.Exists(Path.Combine(Hall.DataDirectory, "files"))
            ? Directory.EnumerateFiles(Path.Combine(Hall.DataDirectory, "files"), "*", SearchOption.AllDirectories).Count()
            : 0;
        Assert.Equal(filesBefore, filesAfter);
        Assert.NotEmpty(code);
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

    // 教师资格认定's application form is the form filled in online, and its pledge is signed by
    // the declaration: no upload is offered or taken for them, and the case is made without.
    [Fact]
    public async Task Upload_ForAMaterialTheApplicationProvides_IsNotOfferedOrTaken()
    {
        var zhangsan = await Staff.SignInAsync(Hall, "zhangsan");
        var code = await ItemCodeAsync(Demo.TeacherQualification);
        var guide = await Html.GetAsync(Client, $"/items/{code}");
        Assert.Contains("网上申请时：网上填报，系统生成", guide.Text(), StringComparison.Ordinal);
        Assert.Contains("网上申请时：网上签署承诺", guide.Text(), StringComparison.Ordinal);

        var materialsUrl = (await OnlineApplication.StartAsync(zhangsan, code, "幼儿园教师资格")).Replace("/form", "/materials", StringComparison.Ordinal);
        var page = await Html.GetAsync(zhangsan, materialsUrl);
        var uploads = page.QuerySelectorAll("form[action*='handler=Upload'] input[name=material]").Select(i => i.GetAttribute("value")).ToList();
        Assert.Equal($"{TeacherApplication.Photo},{TeacherApplication.HealthCheck}", string.Join(",", uploads));
        var section = page.QuerySelectorAll("section.material").Single(s => s.QuerySelector("h2")!.TextContent.Contains(TeacherApplication.ApplicationForm, StringComparison.Ordinal));
        Assert.Contains("您在网上填写的申请表单即为该材料，由系统生成，无需上传。", section.TextContent, StringComparison.Ordinal);
        Assert.Null(section.QuerySelector(".tag"));

        // A file sent for it anyway (an old page, a crafted post) is refused and not kept.
        using var forged = new MultipartFormDataContent
        {
            { new StringContent(TeacherApplication.ApplicationForm), "material" },
            { new StringContent(page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!), "__RequestVerificationToken" },
            { new ByteArrayContent(SampleFiles.Pdf), "file", "申请表.pdf" },
        };
        var refused = await zhangsan.PostAsync(materialsUrl + "?handler=Upload", forged, Cancel);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains($"“{TeacherApplication.ApplicationForm}”无需在网上提交。", (await Html.ParseAsync(refused)).Text(), StringComparison.Ordinal);
        var draftId = Guid.Parse(materialsUrl.Split('/')[3]);
        Assert.False(await Hall.WithDbAsync(db => db.DraftFiles.AnyAsync(f => f.DraftId == draftId, Cancel)));

        // The check page names the pledge under the declaration and asks for nothing else.
        var form = await Html.GetAsync(zhangsan, materialsUrl.Replace("/materials", "/form", StringComparison.Ordinal));
        await Html.SubmitAsync(zhangsan, form, "main form", TeacherApplication.Answers(), "next", "continue");
        await TeacherApplication.UploadMaterialsAsync(zhangsan, materialsUrl);
        var check = await Html.GetAsync(zhangsan, materialsUrl.Replace("/materials", "/check", StringComparison.Ordinal));
        Assert.Null(check.QuerySelector(".validation-summary-errors"));
        Assert.Contains($"勾选即同时在网上签署：《{TeacherApplication.Pledge}》（承诺遵守宪法和法律、无犯罪记录等，网上签署）。", check.QuerySelector("#declared")!.TextContent, StringComparison.Ordinal);
        var lists = check.QuerySelectorAll("dl.facts");
        var facts = lists[lists.Length - 1].QuerySelectorAll("dt").ToDictionary(dt => dt.TextContent.Trim(), dt => dt.NextElementSibling!.TextContent.Trim());
        Assert.Equal("网上填报，系统生成", facts[TeacherApplication.ApplicationForm]);
        Assert.Equal("网上签署承诺", facts[TeacherApplication.Pledge]);
        var submitted = await Html.SubmitAsync(zhangsan, check, "main form", new Dictionary<string, string> { ["declared"] = "true" });
        Assert.Equal(HttpStatusCode.Redirect, submitted.StatusCode);

        // The case lists them with the files, as the receipt does.
        var given = (await Html.GetAsync(zhangsan, submitted.Headers.Location!.OriginalString)).QuerySelector("#given")!.TextContent;
        Assert.Contains($"{TeacherApplication.ApplicationForm}：网上填报，系统生成", given, StringComparison.Ordinal);
        Assert.Contains($"{TeacherApplication.Pledge}：网上签署承诺", given, StringComparison.Ordinal);
    }

    // The same scan uploaded twice for one material (a double click on 上传, the file chosen
    // again) is one file; the same bytes for another material are that material's own.
    [Fact]
    public async Task Upload_SameFileTwiceForOneMaterial_IsKeptOnce()
    {
        var zhangsan = await Staff.SignInAsync(Hall, "zhangsan");
        var materialsUrl = (await OnlineApplication.StartAsync(zhangsan, await ItemCodeAsync(Demo.TeacherQualification), "小学教师资格")).Replace("/form", "/materials", StringComparison.Ordinal);
        byte[] scan = [.. SampleFiles.Png, .. Guid.NewGuid().ToByteArray()];
        await OnlineApplication.UploadAsync(zhangsan, materialsUrl, TeacherApplication.HealthCheck, "体检.png", scan);
        var page = await Html.GetAsync(zhangsan, materialsUrl);
        var form = page.QuerySelectorAll("form[action*='handler=Upload']")
            .Single(f => f.QuerySelector("input[name=material]")!.GetAttribute("value") == TeacherApplication.HealthCheck);
        form.Id = "upload-target";
        var again = await Html.SubmitAsync(zhangsan, page, "#upload-target", files: [("file", "体检（再次）.png", scan)]);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, again.StatusCode);
        Assert.Contains($"文件“体检（再次）.png”已经作为“{TeacherApplication.HealthCheck}”提交了", (await Html.ParseAsync(again)).QuerySelector("[role=alert]")!.TextContent, StringComparison.Ordinal);

        // Two presses at the same moment: one file.
        byte[] other = [.. SampleFiles.Png, .. Guid.NewGuid().ToByteArray()];
        var photoForm = page.QuerySelectorAll("form[action*='handler=Upload']")
            .Single(f => f.QuerySelector("input[name=material]")!.GetAttribute("value") == TeacherApplication.Photo);
        photoForm.Id = "photo-target";
        var presses = await Task.WhenAll(
            Html.SubmitAsync(zhangsan, page, "#photo-target", files: [("file", "照片.png", other)]),
            Html.SubmitAsync(zhangsan, page, "#photo-target", files: [("file", "照片.png", other)]));
        Assert.Contains(presses, p => p.StatusCode == HttpStatusCode.Redirect);
        Assert.All(presses, p => Assert.True(p.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.UnprocessableEntity, $"{p.StatusCode}"));
        var draftId = Guid.Parse(materialsUrl.Split('/')[3]);
        Assert.Equal(1, await Hall.WithDbAsync(db => db.DraftFiles.CountAsync(f => f.DraftId == draftId && f.Material == TeacherApplication.Photo, Cancel)));
        await OnlineApplication.UploadAsync(zhangsan, materialsUrl, TeacherApplication.Photo, "照片.png", scan);
        var files = await Hall.WithDbAsync(db => db.DraftFiles.Where(f => f.DraftId == draftId).Select(f => f.Material).ToListAsync(Cancel));
        Assert.Equal(1, files.Count(m => m == TeacherApplication.HealthCheck));
        Assert.Equal(2, files.Count(m => m == TeacherApplication.Photo));
    }

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
    public async Task FileGivenBefore_CanBeUsedAgain_WithoutUploading()
    {
        var zhangsan = await Staff.SignInAsync(Hall, "zhangsan");
        var code = await ItemCodeAsync(Demo.TeacherQualification);
        var first = (await OnlineApplication.StartAsync(zhangsan, code, "初级中学教师资格")).Replace("/form", "/materials", StringComparison.Ordinal);
        byte[] unique = [.. SampleFiles.Pdf, .. "%reuse "u8.ToArray(), .. Guid.NewGuid().ToByteArray()];
        await OnlineApplication.UploadAsync(zhangsan, first, TeacherApplication.HealthCheck, "我的体检证明.pdf", unique);

        var second = (await OnlineApplication.StartAsync(zhangsan, code, "初级中学教师资格")).Replace("/form", "/materials", StringComparison.Ordinal);
        var page = await Html.GetAsync(zhangsan, second);
        var reuse = page.QuerySelectorAll("form[action*='handler=Reuse']")
            .Single(f => f.QuerySelector("input[name=material]")!.GetAttribute("value") == TeacherApplication.HealthCheck);
        var option = reuse.QuerySelectorAll("option").Single(o => o.TextContent.StartsWith("我的体检证明.pdf（", StringComparison.Ordinal));
        Assert.Equal($"我的体检证明.pdf（{Math.Max(1, unique.Length / 1024)} KB）", option.TextContent);
        reuse.Id = "reuse-target";
        var response = await Html.SubmitAsync(zhangsan, page, "#reuse-target", new Dictionary<string, string> { ["sha256"] = option.GetAttribute("value")! });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var after = await Html.GetAsync(zhangsan, second);
        Assert.Contains("我的体检证明.pdf", after.QuerySelector("ul.files")!.TextContent, StringComparison.Ordinal);

        // A file given for a material is not offered for it again.
        string[] Offered(AngleSharp.Dom.IElement form) => form.QuerySelectorAll("option").Select(o => o.GetAttribute("value")!).ToArray();
        var forms = after.QuerySelectorAll("form[action*='handler=Reuse']")
            .ToDictionary(f => f.QuerySelector("input[name=material]")!.GetAttribute("value")!);
        Assert.True(!forms.TryGetValue(TeacherApplication.HealthCheck, out var same) || !Offered(same).Contains(option.GetAttribute("value")));

        // Nor for a material it does not fit: the photo takes JPEG or PNG only.
        Assert.Contains(after.QuerySelectorAll("form[action*='handler=Upload'] input[name=material]"), i => i.GetAttribute("value") == TeacherApplication.Photo);
        Assert.True(!forms.TryGetValue(TeacherApplication.Photo, out var photo) || !Offered(photo).Contains(option.GetAttribute("value")));

        // The same file sent again for the same material (a second press, a page left open) is
        // refused, and the draft still holds it once.
        var again = await zhangsan.PostAsync(second + "?handler=Reuse", new FormUrlEncodedContent(
        [
            new("material", TeacherApplication.HealthCheck), new("sha256", option.GetAttribute("value")!),
            new("__RequestVerificationToken", after.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!),
        ]), Cancel);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, again.StatusCode);
        Assert.Contains("文件“我的体检证明.pdf”已经作为“体格检查合格证明”提交了", (await Html.ParseAsync(again)).Text(), StringComparison.Ordinal);
        var secondDraft = Guid.Parse(second.Split('/')[3]);
        Assert.Equal(1, await Hall.WithDbAsync(db => db.DraftFiles.CountAsync(f => f.DraftId == secondDraft && f.Material == TeacherApplication.HealthCheck, Cancel)));

        // Another person cannot take that file by its hash.
        var lisi = await Staff.SignInAsync(Hall, "lisi");
        var theirs = (await OnlineApplication.StartAsync(lisi, code, "初级中学教师资格")).Replace("/form", "/materials", StringComparison.Ordinal);
        var theirPage = await Html.GetAsync(lisi, theirs);
        var forged = await lisi.PostAsync(theirs + "?handler=Reuse", new FormUrlEncodedContent(
        [
            new("material", TeacherApplication.HealthCheck), new("sha256", option.GetAttribute("value")!),
            new("__RequestVerificationToken", theirPage.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!),
        ]), Cancel);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, forged.StatusCode);
        Assert.Contains("没有找到您以前提交过的这个文件", (await Html.ParseAsync(forged)).Text(), StringComparison.Ordinal);
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
