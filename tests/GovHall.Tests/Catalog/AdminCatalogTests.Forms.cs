using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using AngleSharp.Dom;
using GovHall.Core.Catalog;
using GovHall.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace GovHall.Tests.Catalog;

// Editing an item's application form and its upload limits: the field-by-field editor, rows
// without JavaScript, blank forms, and saving a demo item unchanged.
public abstract partial class AdminCatalogTests
{
    [Fact]
    public async Task EditPage_KeepsTheApplicationFormAndUploadLimits_RefusesABadForm_AndPreviewsIt()
    {
        var code = await CodeOfAsync("适龄儿童、少年因身体状况需要延缓入学或者休学审批");
        var admin = await Staff.SignInAsync(Hall, "catalog");
        var edit = await Html.GetAsync(admin, $"/admin/items/{code}/edit");
        var json = edit.QuerySelector<AngleSharp.Html.Dom.IHtmlTextAreaElement>("#FormJson")!.Value;
        Assert.Contains("\"childIdNumber\"", json, StringComparison.Ordinal);

        var notJson = await SaveAsync(admin, edit, new() { ["FormJson"] = "{ \"fields\": [ { \"key\": \"x\", \"kindd\": \"Text\" } ] }" });
        Assert.Equal(HttpStatusCode.OK, notJson.StatusCode);
        Assert.Contains("表单定义不是有效的 JSON", (await Html.ParseAsync(notJson)).Text(), StringComparison.Ordinal);
        Assert.False(await Hall.WithDbAsync(db => db.ServiceItems.AnyAsync(i => i.Code == code && i.DraftJson != null, Cancel)));

        var duplicate = await SaveAsync(admin, edit, new() { ["FormJson"] = json.Replace("\"relation\"", "\"childName\"", StringComparison.Ordinal) });
        Assert.Contains((await Html.ParseAsync(duplicate)).QuerySelectorAll(".field-error"), e => e.TextContent.Contains("字段名“childName”重复", StringComparison.Ordinal));

        edit = await Html.GetAsync(admin, $"/admin/items/{code}/edit");
        var saved = await SaveAsync(admin, edit, new() { ["FormJson"] = json, ["Draft.Materials[0].MaxFiles"] = "3" });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var draft = await Hall.WithDbAsync(db => db.ServiceItems.Where(i => i.Code == code).Select(i => i.DraftJson).SingleAsync(Cancel));
        var content = GovHall.Core.Catalog.CatalogJson.Deserialize(draft!);
        Assert.Equal(10, content.Form.Fields.Count);
        Assert.Equal(3, content.Materials[0].MaxFiles);
        Assert.Equal(3, content.Materials[0].FileTypes.Count);

        var preview = await Html.GetAsync(admin, $"/admin/items/{code}/preview");
        Assert.NotNull(preview.QuerySelector("#f-childName"));
        Assert.NotNull(preview.QuerySelector("#f-grade"));
    }

    [Fact]
    public async Task FormEditor_FieldByField_BuildsAConditionalFormWithRows_PreviewsIt_AndTheApplicantGetsIt()
    {
        var code = await CodeOfAsync("幼儿园入园报名登记");
        var admin = await Staff.SignInAsync(Hall, "catalog");
        var page = await Html.GetAsync(admin, $"/admin/items/{code}/form");
        Assert.Contains("还没有字段", page.Text(), StringComparison.Ordinal);

        // A new field is saved into the draft at once, named for the administrator, and asks for its title.
        page = await PressAsync(admin, page, "add");
        Assert.Equal("field1", page.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#F0Key")!.Value);
        Assert.Contains("请填写字段标题", ProblemsOf(page, "F0"), StringComparison.Ordinal);
        Assert.Single((await DraftOfAsync(code))!.Form.Fields);

        page = await PressAsync(admin, page, "add", new()
        {
            ["Fields[0].Label"] = "是否需要午睡床位", ["Fields[0].Kind"] = "Choice", ["Fields[0].OptionsText"] = "需要\r\n不需要\r\n", ["Fields[0].Required"] = "true",
            ["Fields[0].Situations"] = "非本市户籍幼儿",
        });
        Assert.Equal("", ProblemsOf(page, "F0"));

        // A condition names an earlier choice field; its answers to pick appear once it is chosen.
        page = await PressAsync(admin, page, "save", new() { ["Fields[1].Label"] = "过敏或特殊照护说明", ["Fields[1].Kind"] = "LongText", ["Fields[1].ShowWhenField"] = "field1" });
        Assert.Contains("显示条件的取值必须是字段“是否需要午睡床位”的选项之一", ProblemsOf(page, "F1"), StringComparison.Ordinal);
        page = await PressAsync(admin, page, "save", new() { ["Fields[1].ShowWhenValues"] = "需要", ["Fields[1].MaxLength"] = "300" });
        Assert.Equal("", ProblemsOf(page, "F1"));
        Assert.Contains("仅当“是否需要午睡床位”为 需要 时显示", page.QuerySelector("form[aria-label='申请表单预览']")!.TextContent, StringComparison.Ordinal);

        // Moving the conditional field above the one it depends on is shown as a problem where it happens.
        page = await PressAsync(admin, page, "up:1");
        Assert.Contains("必须是在它之前的字段", ProblemsOf(page, "F0"), StringComparison.Ordinal);
        page = await PressAsync(admin, page, "down:0");
        Assert.Equal("", ProblemsOf(page, "F1"));

        // Repeating rows with their own columns.
        page = await PressAsync(admin, page, "add");
        page = await PressAsync(admin, page, "add-column:2", new() { ["Fields[2].Label"] = "共同生活的家庭成员", ["Fields[2].Kind"] = "Rows", ["Fields[2].MaxRows"] = "6" });
        page = await PressAsync(admin, page, "add-column:2", new() { ["Fields[2].Columns[0].Label"] = "姓名", ["Fields[2].Columns[0].Required"] = "true" });
        page = await PressAsync(admin, page, "save", new() { ["Fields[2].Columns[1].Label"] = "与幼儿关系", ["Fields[2].Columns[1].Kind"] = "Choice", ["Fields[2].Columns[1].OptionsText"] = "父亲\n母亲\n其他" });
        Assert.Contains("表单已保存到草稿。", page.QuerySelector(".notice")!.TextContent, StringComparison.Ordinal);
        var headers = page.QuerySelectorAll("form[aria-label='申请表单预览'] #field-field3 th").Select(th => th.TextContent).ToList();
        Assert.Equal(["序号", "姓名", "与幼儿关系（选填）"], headers);
        var relation = page.QuerySelector<AngleSharp.Html.Dom.IHtmlSelectElement>("form[aria-label='申请表单预览'] #field-field3 select")!;
        Assert.Equal(["", "父亲", "母亲", "其他"], relation.Options.Select(o => o.Value));

        var form = (await DraftOfAsync(code))!.Form;
        Assert.Equal(["field1", "field2", "field3"], form.Fields.Select(f => f.Key));
        Assert.Equal(["需要", "不需要"], form.Fields[0].Options);
        Assert.True(form.Fields[0].Required);
        Assert.Equal(["非本市户籍幼儿"], form.Fields[0].Situations);
        Assert.Equal(new FieldCondition { Field = "field1", Values = ["需要"] }.Values, form.Fields[1].ShowWhen!.Values);
        Assert.Equal(300, form.Fields[1].MaxLength);
        Assert.Equal(6, form.Fields[2].MaxRows);
        Assert.Equal(["column1", "column2"], form.Fields[2].Columns.Select(c => c.Key));
        Assert.Equal(FieldKind.Choice, form.Fields[2].Columns[1].Kind);

        // Removing a column and a field.
        page = await PressAsync(admin, page, "remove-column:2:1");
        page = await PressAsync(admin, page, "remove:1");
        form = (await DraftOfAsync(code))!.Form;
        Assert.Equal(["field1", "field3"], form.Fields.Select(f => f.Key));
        Assert.Single(form.Fields[1].Columns);

        // Published, the field is on the applicant's form for its situation.
        var detail = await Html.GetAsync(admin, $"/admin/items/{code}");
        Assert.Equal(HttpStatusCode.Redirect, (await PublishAsync(admin, detail, "入园登记增加午睡床位和家庭成员信息。", "闵教〔2026〕20号（演示）")).StatusCode);
        var published = await Client.GetFromJsonAsync<JsonElement>($"/api/v1/items/{code}", Cancel);
        Assert.Contains("是否需要午睡床位", published.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task FormEditor_BadNumberOrStaleRevision_SavesNothing()
    {
        var code = await CodeOfAsync("义务教育阶段学生转学（跨区转入、外省市转入）");
        var admin = await Staff.SignInAsync(Hall, "catalog");
        var page = await Html.GetAsync(admin, $"/admin/items/{code}/form");
        Assert.Equal("name", page.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#F0Key")!.Value);
        Assert.Equal(9, page.QuerySelectorAll("form.form-editor > fieldset.field-editor").Length);

        var bad = await PressAsync(admin, page, "save", new() { ["Fields[0].MaxLength"] = "二十" });
        Assert.Contains("最多字数应为不大于 100000 的整数", ProblemsOf(bad, "F0"), StringComparison.Ordinal);
        Assert.Contains("表单未保存", bad.QuerySelector(".notice")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("二十", bad.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#F0MaxLength")!.Value);
        Assert.Null(await DraftOfAsync(code));

        var unknownKind = await Html.SubmitAsync(admin, page, "main form.form-editor", new Dictionary<string, string> { ["Fields[0].Kind"] = "Signature" }, "Command", "save");
        Assert.Contains("提交的内容格式不对，未保存", (await Html.ParseAsync(unknownKind)).Text(), StringComparison.Ordinal);
        Assert.Null(await DraftOfAsync(code));

        // Someone else saved the item meanwhile: this page's revision is stale.
        await PressAsync(admin, page, "save", new() { ["Fields[0].Hint"] = "与户口簿一致" });
        var stale = await Html.SubmitAsync(admin, page, "main form.form-editor", new Dictionary<string, string> { ["Fields[0].Hint"] = "另一个人的修改" }, "Command", "save");
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal("与户口簿一致", (await DraftOfAsync(code))!.Form.Fields[0].Hint);
    }

    [Fact]
    public async Task EditForm_AddAndRemoveRowsWithoutJavaScript()
    {
        var code = await CodeOfAsync("民办学校招生简章和广告备案");
        var admin = await Staff.SignInAsync(Hall, "catalog");
        var edit = await Html.GetAsync(admin, $"/admin/items/{code}/edit");
        var faqs = edit.QuerySelectorAll("textarea[name^='Draft.Faqs']").Length;
        var added = await Html.SubmitAsync(admin, edit, "main form.stacked", null, "Add", "Faqs");
        Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        var withRow = await Html.ParseAsync(added);
        Assert.Equal(faqs + 1, withRow.QuerySelectorAll("textarea[name^='Draft.Faqs']").Length);

        var removed = await Html.SubmitAsync(admin, withRow, "main form.stacked", new Dictionary<string, string> { ["Remove"] = $"Faqs[{faqs}]" }, "Add", "Steps");
        var after = await Html.ParseAsync(removed);
        Assert.Equal(faqs, after.QuerySelectorAll("textarea[name^='Draft.Faqs']").Length);
    }

    [Fact]
    public async Task EditForm_UploadedBlankForm_IsPreviewedAndPublishedForDownload()
    {
        var code = await CodeOfAsync("家庭经济困难学生资助申请");
        var admin = await Staff.SignInAsync(Hall, "catalog");
        var edit = await Html.GetAsync(admin, $"/admin/items/{code}/edit");
        var pdf = Encoding.ASCII.GetBytes("%PDF-1.4\n% demo blank form " + Guid.NewGuid() + "\n%%EOF\n");
        var saved = await Html.SubmitAsync(admin, edit, "main form.stacked", null, "Save", "true",
            [("upload:Materials[0].BlankForm", "招生简章备案表.docx", pdf)]);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        var preview = await Html.GetAsync(admin, $"/admin/items/{code}/preview");
        Assert.Contains("这是草稿预览", preview.Text(), StringComparison.Ordinal);
        var draftLink = preview.QuerySelectorAll("a[download]").First(a => a.TextContent.Contains("招生简章备案表.docx", StringComparison.Ordinal)).GetAttribute("href")!;
        Assert.StartsWith("/admin/files/", draftLink, StringComparison.Ordinal);
        var adminFile = await admin.GetAsync(draftLink, Cancel);
        Assert.Equal("application/pdf", adminFile.Content.Headers.ContentType?.MediaType);
        Assert.Equal(pdf, await adminFile.Content.ReadAsByteArrayAsync(Cancel));

        // Not public until published; the type comes from the content, not the name.
        var publicLink = draftLink.Replace("/admin/files/", "/files/", StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await Client.GetAsync(publicLink, Cancel)).StatusCode);
        var detail = await Html.GetAsync(admin, $"/admin/items/{code}");
        Assert.Equal(HttpStatusCode.Redirect, (await PublishAsync(admin, detail, "新增空白表格。", "测试依据")).StatusCode);
        var published = await Client.GetAsync(publicLink, Cancel);
        Assert.Equal(HttpStatusCode.OK, published.StatusCode);
        Assert.Equal("application/pdf", published.Content.Headers.ContentType?.MediaType);
    }

    // The editor posts the whole item back: whatever it does not show as a field would be lost
    // by an administrator who only corrected a typo. Every demo item, saved unchanged, must be
    // the published content exactly.
    [Fact]
    public async Task EditPage_SavedUnchanged_KeepsEveryMemberOfEveryDemoItem()
    {
        var admin = await Staff.SignInAsync(Hall, "catalog");
        var items = await Hall.WithDbAsync(db => db.ServiceItems.Where(i => i.State == ItemState.Published && i.DraftJson == null)
            .Select(i => new { i.Code, Content = db.ServiceItemVersions.Single(v => v.ItemId == i.Id && v.Version == i.CurrentVersion).ContentJson })
            .ToListAsync(Cancel));
        Assert.True(items.Count >= 10, $"only {items.Count} published demo items");
        foreach (var item in items)
        {
            var edit = await Html.GetAsync(admin, $"/admin/items/{item.Code}/edit");
            Assert.Equal(HttpStatusCode.Redirect, (await SaveAsync(admin, edit, [])).StatusCode);
            var draft = await DraftOfAsync(item.Code);
            Assert.Equal(CatalogJson.Serialize(CatalogJson.Deserialize(item.Content)), CatalogJson.Serialize(draft!));

            var detail = await Html.GetAsync(admin, $"/admin/items/{item.Code}");
            Assert.Equal(HttpStatusCode.Redirect, (await Html.SubmitAsync(admin, detail, "form[action*='handler=Discard']")).StatusCode);
        }
    }
}
