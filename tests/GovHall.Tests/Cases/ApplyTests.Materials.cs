using System.Net;
using AngleSharp.Dom;
using GovHall.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace GovHall.Tests.Cases;

// The materials page: bad files, materials the application itself provides, the same file
// twice, and a file given before used again.
public abstract partial class ApplyTests
{
    [Theory]
    [InlineData("申请表.pdf", "png", "file.type_mismatch", "内容不是 PDF")]
    [InlineData("申请表.pdf", "empty", "file.empty", "是空的")]
    [InlineData("申请表.pdf", "huge", "file.too_large", "超过了 10 MB")]
    [InlineData("../../etc/申请表.pdf", "pdf", "file.bad_name", "不能包含路径")]
    [InlineData("申请表.exe", "pdf", "file.type_not_allowed", "只能上传")]
    [InlineData("体检表\u202Etxt.exe.pdf", "pdf", "file.bad_name", "改变文字方向")]
    [InlineData("体\u200B检表.pdf", "pdf", "file.bad_name", "看不见的控制字符")]
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
        // Each name is shown isolated from the text around it.
        Assert.Contains((await Html.GetAsync(zhangsan, materialsUrl)).QuerySelectorAll("bdi"), b => b.TextContent == "照片.png");
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
}
