using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using AngleSharp.Dom;
using GovHall.Core.Catalog;
using GovHall.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace GovHall.Tests.Catalog;

public abstract class AdminCatalogTests(HallFactory hall) : HallTest(hall)
{
    private async Task<string> CodeOfAsync(string name)
    {
        var list = await Client.GetFromJsonAsync<JsonElement>($"/api/v1/items?q={Uri.EscapeDataString(name)}&pageSize=10", Cancel);
        return list.GetProperty("items").EnumerateArray().First(i => i.GetProperty("name").GetString() == name).GetProperty("code").GetString()!;
    }

    private Task<int> VersionCountAsync(string code) =>
        Hall.WithDbAsync(db => db.ServiceItemVersions.CountAsync(v => db.ServiceItems.Any(i => i.Id == v.ItemId && i.Code == code), Cancel));

    private static Task<HttpResponseMessage> SaveAsync(HttpClient admin, IDocument edit, Dictionary<string, string> values) =>
        Html.SubmitAsync(admin, edit, "main form.stacked", values, "Save", "true");

    private static Task<HttpResponseMessage> PublishAsync(HttpClient admin, IDocument detail, string reason, string basis) =>
        Html.SubmitAsync(admin, detail, "form[action*='handler=Publish']", new Dictionary<string, string> { ["Reason"] = reason, ["Basis"] = basis });

    [Fact]
    public async Task Admin_Anonymous_IsSentToSignIn()
    {
        var response = await Client.GetAsync("/admin", Cancel);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/signin", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Admin_StaffWithoutCatalogRole_IsDenied()
    {
        var clerk = await Staff.SignInAsync(Hall, "clerk");
        var response = await clerk.GetAsync("/admin", Cancel);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/denied", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignOut_FromTheHeader_EndsTheSession()
    {
        var admin = await Staff.SignInAsync(Hall, "catalog");
        var page = await Html.GetAsync(admin, "/admin");
        Assert.Contains("退出（周事项）", page.Text(), StringComparison.Ordinal);
        var signedOut = await Html.SubmitAsync(admin, page, "form[action='/account/signout']");
        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        var after = await admin.GetAsync("/admin", Cancel);
        Assert.StartsWith("/account/signin", after.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignIn_WrongPassword_AnswersTheSameAsUnknownAccount()
    {
        var client = Hall.CreateBrowserLikeClient();
        async Task<string> TryAsync(string user)
        {
            var page = await Html.GetAsync(client, "/account/signin");
            var response = await Html.SubmitAsync(client, page, "main form", new Dictionary<string, string> { ["UserName"] = user, ["Password"] = "wrong-password" });
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return (await Html.ParseAsync(response)).QuerySelector(".validation-summary-errors")!.TextContent.Trim();
        }

        Assert.Equal(await TryAsync("nobody-" + Guid.NewGuid().ToString("N")[..6]), await TryAsync("reviewer"));
    }

    [Fact]
    public async Task EditAndPublish_WithReason_PublicGuideAndHistoryShowTheNewVersion()
    {
        var code = await CodeOfAsync("教师资格证书补发、换发");
        var admin = await Staff.SignInAsync(Hall, "catalog");
        var edit = await Html.GetAsync(admin, $"/admin/items/{code}/edit");
        var saved = await SaveAsync(admin, edit, new() { ["Draft.PromisedLimit.Value"] = "3", ["Draft.PromisedLimit.Note"] = "压缩后的承诺时限" });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal($"/admin/items/{code}", saved.Headers.Location!.OriginalString);

        // Until it is published the public still sees version 1.
        var before = await Client.GetFromJsonAsync<JsonElement>($"/api/v1/items/{code}", Cancel);
        Assert.Equal(1, before.GetProperty("version").GetInt32());

        var detail = await Html.GetAsync(admin, $"/admin/items/{code}");
        Assert.Contains("承诺时限：3 个工作日", detail.QuerySelector("ul.diff")!.TextContent, StringComparison.Ordinal);
        var published = await PublishAsync(admin, detail, "优化营商环境，压缩承诺时限。", "闵教〔2026〕1号（演示）");
        Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);

        var guide = await Html.GetAsync(Client, $"/items/{code}");
        Assert.Contains("承诺时限：3 个工作日", guide.Text(), StringComparison.Ordinal);
        Assert.Contains("第 2 版", guide.Text(), StringComparison.Ordinal);

        var history = await Html.GetAsync(Client, $"/items/{code}/history");
        Assert.Contains("优化营商环境，压缩承诺时限。", history.Text(), StringComparison.Ordinal);
        Assert.Contains("闵教〔2026〕1号（演示）", history.Text(), StringComparison.Ordinal);
        Assert.Contains(history.QuerySelectorAll("ul.diff li.added"), li => li.TextContent.Contains("承诺时限：3 个工作日", StringComparison.Ordinal));
        Assert.Contains(history.QuerySelectorAll("ul.diff li.removed"), li => li.TextContent.Contains("承诺时限：", StringComparison.Ordinal));

        var compare = await Html.GetAsync(Client, $"/items/{code}/compare?from=1&to=2");
        Assert.NotEmpty(compare.QuerySelectorAll("ul.diff li.added"));
        var old = await Html.GetAsync(Client, $"/items/{code}/versions/1");
        Assert.Contains("这是历史版本", old.Text(), StringComparison.Ordinal);

        var versions = await Client.GetFromJsonAsync<JsonElement>($"/api/v1/items/{code}/versions", Cancel);
        Assert.Equal(2, versions.GetProperty("versions")[0].GetProperty("version").GetInt32());
        Assert.Equal("优化营商环境，压缩承诺时限。", versions.GetProperty("versions")[0].GetProperty("reason").GetString());

        var log = await Hall.WithDbAsync(db => db.CatalogChanges.Where(c => db.ServiceItems.Any(i => i.Id == c.ItemId && i.Code == code)).ToListAsync(Cancel));
        Assert.Contains(log, c => c.Action == CatalogAction.DraftSaved && c.Actor == "catalog");
        Assert.Contains(log, c => c.Action == CatalogAction.Published && c.Actor == "catalog" && c.Version == 2);
    }

    [Fact]
    public async Task Publish_WithoutReasonOrBasis_IsRefusedAndChangesNothing()
    {
        var code = await CodeOfAsync("受理教师申诉");
        var admin = await Staff.SignInAsync(Hall, "catalog");
        var edit = await Html.GetAsync(admin, $"/admin/items/{code}/edit");
        Assert.Equal(HttpStatusCode.Redirect, (await SaveAsync(admin, edit, new() { ["Draft.Conditions"] = "修改后的受理条件。" })).StatusCode);
        var detail = await Html.GetAsync(admin, $"/admin/items/{code}");

        var refused = await PublishAsync(admin, detail, "", "");
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var page = await Html.ParseAsync(refused);
        Assert.Contains("请填写理由", page.Text(), StringComparison.Ordinal);
        Assert.Contains("请填写依据", page.Text(), StringComparison.Ordinal);

        Assert.Equal(1, await VersionCountAsync(code));
        var current = await Client.GetFromJsonAsync<JsonElement>($"/api/v1/items/{code}", Cancel);
        Assert.NotEqual("修改后的受理条件。", current.GetProperty("conditions").GetString());
    }

    [Fact]
    public async Task SaveDraft_WithInvalidElements_ShowsEachErrorInPlaceAndCannotBePublished()
    {
        var code = await CodeOfAsync("民办学校理事会、董事会或者其他形式决策机构组成人员名单备案");
        var admin = await Staff.SignInAsync(Hall, "catalog");
        var edit = await Html.GetAsync(admin, $"/admin/items/{code}/edit");
        var response = await SaveAsync(admin, edit, new()
        {
            ["Draft.Name"] = "",
            ["Draft.Contacts.ComplaintPhone"] = edit.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#ContactsConsultPhone")!.Value,
            ["Draft.OnlineDepth"] = "FullyOnline",
            ["Draft.VisitsRequired"] = "2",
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await Html.ParseAsync(response);
        Assert.Contains("草稿已保存，还有", page.Text(), StringComparison.Ordinal);
        Assert.Equal("请填写事项名称。", page.QuerySelector("#Name")!.ParentElement!.QuerySelector(".field-error")!.TextContent.Trim());
        Assert.Contains(page.QuerySelectorAll(".field-error"), e => e.TextContent.Contains("投诉电话应与咨询电话不同", StringComparison.Ordinal));
        Assert.Contains(page.QuerySelectorAll(".field-error"), e => e.TextContent.Contains("全程网办的事项到现场次数应为 0 次", StringComparison.Ordinal));

        var detail = await Html.GetAsync(admin, $"/admin/items/{code}");
        var refused = await PublishAsync(admin, detail, "理由", "依据");
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal(1, await VersionCountAsync(code));
    }

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

    private Task<ItemContent?> DraftOfAsync(string code) => Hall.WithDbAsync(async db =>
    {
        var json = await db.ServiceItems.Where(i => i.Code == code).Select(i => i.DraftJson).SingleAsync(Cancel);
        return json is null ? null : CatalogJson.Deserialize(json);
    });

    private static async Task<IDocument> PressAsync(HttpClient admin, IDocument page, string command, Dictionary<string, string>? values = null)
    {
        var response = await Html.SubmitAsync(admin, page, "main form.form-editor", values, "Command", command);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await Html.ParseAsync(response);
    }

    private static string ProblemsOf(IDocument page, string fieldset) => page.QuerySelector($"#{fieldset} > ul.field-error")?.TextContent ?? "";

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
    public async Task SaveDraft_WithLettersInANumber_SavesNothing()
    {
        var code = await CodeOfAsync("实施义务教育的民办学校自主设置课程备案");
        var admin = await Staff.SignInAsync(Hall, "catalog");
        var edit = await Html.GetAsync(admin, $"/admin/items/{code}/edit");
        var response = await SaveAsync(admin, edit, new() { ["Draft.PromisedLimit.Value"] = "十五" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("格式不对", (await Html.ParseAsync(response)).Text(), StringComparison.Ordinal);
        Assert.False(await Hall.WithDbAsync(db => db.ServiceItems.AnyAsync(i => i.Code == code && i.DraftJson != null, Cancel)));
    }

    [Fact]
    public async Task SaveDraft_AfterAnotherAdministratorSaved_IsRefusedWithoutOverwriting()
    {
        var code = await CodeOfAsync("普惠性民办幼儿园认定");
        var first = await Staff.SignInAsync(Hall, "catalog");
        var second = await Staff.SignInAsync(Hall, "catalog");
        var firstEdit = await Html.GetAsync(first, $"/admin/items/{code}/edit");
        var secondEdit = await Html.GetAsync(second, $"/admin/items/{code}/edit");
        Assert.Equal(HttpStatusCode.Redirect, (await SaveAsync(first, firstEdit, new() { ["Draft.Conditions"] = "第一位管理员的修改。" })).StatusCode);

        var late = await SaveAsync(second, secondEdit, new() { ["Draft.Conditions"] = "第二位管理员的修改。" });
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        Assert.Contains("已被他人修改", (await Html.ParseAsync(late)).Text(), StringComparison.Ordinal);
        var draft = await Hall.WithDbAsync(db => db.ServiceItems.SingleAsync(i => i.Code == code, Cancel));
        Assert.Equal("第一位管理员的修改。", draft.Draft()!.Conditions);
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
    public async Task TakeOffline_WithReason_HidesTheItemButKeepsItsHistory()
    {
        var code = await CodeOfAsync("除实施高等学历教育外的民办学校以捐赠者姓名或者名称作为校名审核");
        var admin = await Staff.SignInAsync(Hall, "catalog");
        var detail = await Html.GetAsync(admin, $"/admin/items/{code}");

        var refused = await Html.SubmitAsync(admin, detail, "form[action*='handler=Offline']", new Dictionary<string, string> { ["Reason"] = " " });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Client.GetAsync($"/items/{code}", Cancel)).StatusCode);

        var offline = await Html.SubmitAsync(admin, detail, "form[action*='handler=Offline']", new Dictionary<string, string> { ["Reason"] = "该事项已并入其他事项办理。" });
        Assert.Equal(HttpStatusCode.Redirect, offline.StatusCode);

        var guide = await Client.GetAsync($"/items/{code}", Cancel);
        Assert.Equal(HttpStatusCode.Gone, guide.StatusCode);
        Assert.Contains("已下线", await guide.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        var api = await Client.GetAsync($"/api/v1/items/{code}", Cancel);
        Assert.Equal(HttpStatusCode.Gone, api.StatusCode);
        Assert.Equal("item.offline", (await api.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("code").GetString());

        // The directory drops it after the index notices the change.
        var all = await Client.GetFromJsonAsync<JsonElement>("/api/v1/items?pageSize=100", Cancel);
        Assert.DoesNotContain(all.GetProperty("items").EnumerateArray(), i => i.GetProperty("code").GetString() == code);
        var history = await Html.GetAsync(Client, $"/items/{code}/history");
        Assert.Contains("该事项已并入其他事项办理。", history.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_ThenImportTheSameFile_ChangesNothing()
    {
        var admin = await Staff.SignInAsync(Hall, "catalog");
        var export = await admin.GetAsync("/admin/export", Cancel);
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        var file = await export.Content.ReadAsByteArrayAsync(Cancel);
        var json = JsonDocument.Parse(file);
        Assert.Equal("govhall.catalog/v1", json.RootElement.GetProperty("format").GetString());
        Assert.True(json.RootElement.GetProperty("items").GetArrayLength() >= 20);

        var versionsBefore = await Hall.WithDbAsync(db => db.ServiceItemVersions.CountAsync(Cancel));
        var page = await ImportAsync(admin, file, "重新导入", "测试");
        Assert.Contains("导入成功", page.Text(), StringComparison.Ordinal);
        Assert.Equal(versionsBefore, await Hall.WithDbAsync(db => db.ServiceItemVersions.CountAsync(Cancel)));
    }

    [Fact]
    public async Task Import_BadFile_IsRejectedWholeWithLinePreciseErrors()
    {
        var admin = await Staff.SignInAsync(Hall, "catalog");
        var export = await (await admin.GetAsync("/admin/export", Cancel)).Content.ReadAsStringAsync(Cancel);
        var file = JsonNodeOf(export);
        var items = file["items"]!.AsArray();
        var good = items[0]!.DeepClone();
        good["basicCode"] = "002088880001";
        good["code"] = Core.Catalog.ItemCode.Length == 31 ? "1131011200245871XF4002088880001" : "";
        good["name"] = "导入测试事项（正确）";
        var bad = items[0]!.DeepClone();
        bad["basicCode"] = "002088880002";
        bad["code"] = "1131011200245871XA4002088880002";
        bad["name"] = "导入测试事项（错误）";
        bad["contacts"]!["complaintPhone"] = bad["contacts"]!["consultPhone"]!.GetValue<string>();
        file["items"] = new System.Text.Json.Nodes.JsonArray(good, bad);
        var text = file.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        var lines = text.Split('\n');
        var badCodeLine = Array.FindIndex(lines, l => l.Contains("1131011200245871XA4002088880002", StringComparison.Ordinal)) + 1;

        var page = await ImportAsync(admin, Encoding.UTF8.GetBytes(text), "导入", "测试");
        var errors = page.QuerySelectorAll("#import-errors li").Select(li => li.TextContent).ToList();
        Assert.Contains(errors, e => e.StartsWith($"第 {badCodeLine} 行", StringComparison.Ordinal) && e.Contains("校验位", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("items[1].contacts.complaintPhone", StringComparison.Ordinal) && e.Contains("投诉电话应与咨询电话不同", StringComparison.Ordinal));
        Assert.False(await Hall.WithDbAsync(db => db.ServiceItems.AnyAsync(i => i.Code == "1131011200245871XF4002088880001", Cancel)));

        var broken = await ImportAsync(admin, Encoding.UTF8.GetBytes("{\n  \"format\": \"govhall.catalog/v1\",\n  \"items\": [ { \"name\": 12 } ]\n}"), "导入", "测试");
        Assert.Contains(broken.QuerySelectorAll("#import-errors li"), li => li.TextContent.StartsWith("第 3 行", StringComparison.Ordinal));

        var unknownMember = await ImportAsync(admin, Encoding.UTF8.GetBytes("{\n  \"format\": \"govhall.catalog/v1\",\n  \"items\": [],\n  \"extra\": 1\n}"), "导入", "测试");
        Assert.Contains(unknownMember.QuerySelectorAll("#import-errors li"), li => li.TextContent.StartsWith("第 4 行", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Import_NewItem_CreatesAndPublishesIt()
    {
        var admin = await Staff.SignInAsync(Hall, "catalog");
        var export = await (await admin.GetAsync("/admin/export", Cancel)).Content.ReadAsStringAsync(Cancel);
        var file = JsonNodeOf(export);
        var item = file["items"]![0]!.DeepClone();
        item["basicCode"] = "002077770001";
        item["code"] = "1131011200245871XF4002077770001";
        item["name"] = "导入的新事项";
        file["items"] = new System.Text.Json.Nodes.JsonArray(item);

        var page = await ImportAsync(admin, Encoding.UTF8.GetBytes(file.ToJsonString()), "新增事项", "测试依据");
        Assert.Contains("新建 1 项", page.Text(), StringComparison.Ordinal);
        var published = await Client.GetFromJsonAsync<JsonElement>("/api/v1/items/1131011200245871XF4002077770001", Cancel);
        Assert.Equal("导入的新事项", published.GetProperty("name").GetString());
    }

    [Theory]
    [InlineData("\"code\": null", "code")]
    [InlineData("\"onlineDepth\": 7", "onlineDepth")]
    [InlineData("\"topics\": null", "topics")]
    [InlineData("\"implementingBody\": null", "implementingBody")]
    public async Task Import_NullsAndNumbersForNames_AreLineErrorsNotCrashes(string replacement, string member)
    {
        var admin = await Staff.SignInAsync(Hall, "catalog");
        var export = await (await admin.GetAsync("/admin/export", Cancel)).Content.ReadAsStringAsync(Cancel);
        var file = JsonNodeOf(export);
        var item = file["items"]![0]!.AsObject();
        item.Remove(member);
        file["items"] = new System.Text.Json.Nodes.JsonArray(item.DeepClone());
        var text = file.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        text = text.Replace("\"name\":", replacement + ",\n      \"name\":", StringComparison.Ordinal);

        var page = await ImportAsync(admin, Encoding.UTF8.GetBytes(text), "导入", "测试");
        Assert.NotEmpty(page.QuerySelectorAll("#import-errors li"));
        Assert.All(page.QuerySelectorAll("#import-errors li"), li => Assert.Matches(@"^第 \d+ 行", li.TextContent));
    }

    [Fact]
    public async Task Import_WithByteOrderMarkAndWithoutPublishing_LeavesADraft()
    {
        var admin = await Staff.SignInAsync(Hall, "catalog");
        var export = await (await admin.GetAsync("/admin/export", Cancel)).Content.ReadAsStringAsync(Cancel);
        var file = JsonNodeOf(export);
        var item = file["items"]![0]!.DeepClone();
        item["basicCode"] = "002066660001";
        item["code"] = "1131011200245871XF4002066660001";
        item["name"] = "只导入草稿的事项";
        file["items"] = new System.Text.Json.Nodes.JsonArray(item);
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(file.ToJsonString())).ToArray();

        var page = await ImportAsync(admin, bytes, "", "", publish: false);
        Assert.Contains("新建 1 项", page.Text(), StringComparison.Ordinal);
        Assert.Contains("发布 0 项", page.Text(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await Client.GetAsync("/api/v1/items/1131011200245871XF4002066660001", Cancel)).StatusCode);
    }

    [Fact]
    public async Task NewItem_SavedWithProblems_KeepsTheMessagesAndSavesAgainInPlace()
    {
        var admin = await Staff.SignInAsync(Hall, "catalog");
        var create = await Html.GetAsync(admin, "/admin/items/new");
        var first = await SaveAsync(admin, create, new()
        {
            ["Draft.Name"] = "新建的测试事项",
            ["Draft.BasicCode"] = "002055550001",
            ["Draft.Code"] = "1131011200245871XF4002055550001",
        });
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var page = await Html.ParseAsync(first);
        Assert.Contains("草稿已保存，还有", page.Text(), StringComparison.Ordinal);
        Assert.Equal("/admin/items/1131011200245871XF4002055550001/edit", page.QuerySelector("main form.stacked")!.GetAttribute("action"));

        var second = await SaveAsync(admin, page, new() { ["Draft.Conditions"] = "补充的受理条件。" });
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var draft = await Hall.WithDbAsync(db => db.ServiceItems.SingleAsync(i => i.Code == "1131011200245871XF4002055550001", Cancel));
        Assert.Equal("补充的受理条件。", draft.Draft()!.Conditions);
        Assert.Equal(ItemState.Draft, draft.State);
        Assert.Equal(HttpStatusCode.NotFound, (await Client.GetAsync("/items/1131011200245871XF4002055550001", Cancel)).StatusCode);
    }

    [Fact]
    public async Task NewItem_WithBadCode_IsRefusedAndNothingIsCreated()
    {
        var admin = await Staff.SignInAsync(Hall, "catalog");
        var create = await Html.GetAsync(admin, "/admin/items/new");
        var response = await SaveAsync(admin, create, new() { ["Draft.Name"] = "坏编码", ["Draft.BasicCode"] = "", ["Draft.Code"] = "1131011200245871XA4002055550009" });
        var page = await Html.ParseAsync(response);
        Assert.Contains("校验位不正确", page.QuerySelector("#Code")!.ParentElement!.TextContent, StringComparison.Ordinal);
        Assert.False(await Hall.WithDbAsync(db => db.ServiceItems.AnyAsync(i => i.Name == "坏编码", Cancel)));
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

    [Fact]
    public async Task OfflineItem_CanBeBroughtBackOnlineAndADraftDiscarded()
    {
        var code = await CodeOfAsync("中小学学籍证明、学历证明开具");
        var admin = await Staff.SignInAsync(Hall, "catalog");
        var detail = await Html.GetAsync(admin, $"/admin/items/{code}");
        await Html.SubmitAsync(admin, detail, "form[action*='handler=Offline']", new Dictionary<string, string> { ["Reason"] = "暂停受理。" });
        Assert.Equal(HttpStatusCode.Gone, (await Client.GetAsync($"/items/{code}", Cancel)).StatusCode);

        detail = await Html.GetAsync(admin, $"/admin/items/{code}");
        var online = await Html.SubmitAsync(admin, detail, "form[action*='handler=Online']", new Dictionary<string, string> { ["Reason"] = "恢复受理。" });
        Assert.Equal(HttpStatusCode.Redirect, online.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Client.GetAsync($"/items/{code}", Cancel)).StatusCode);
        var history = await Html.GetAsync(Client, $"/items/{code}/history");
        Assert.Contains("恢复受理。", history.Text(), StringComparison.Ordinal);

        var edit = await Html.GetAsync(admin, $"/admin/items/{code}/edit");
        await SaveAsync(admin, edit, new() { ["Draft.Conditions"] = "不会发布的修改。" });
        detail = await Html.GetAsync(admin, $"/admin/items/{code}");
        Assert.Equal(HttpStatusCode.Redirect, (await Html.SubmitAsync(admin, detail, "form[action*='handler=Discard']")).StatusCode);
        Assert.False(await Hall.WithDbAsync(db => db.ServiceItems.AnyAsync(i => i.Code == code && i.DraftJson != null, Cancel)));
        var log = await Html.GetAsync(admin, $"/admin/items/{code}");
        var actions = log.QuerySelectorAll("table tbody tr td:nth-child(3)").Select(td => td.TextContent).ToList();
        Assert.Contains("下线", actions);
        Assert.Contains("重新上线", actions);
        Assert.Contains("放弃草稿", actions);
    }

    private static System.Text.Json.Nodes.JsonObject JsonNodeOf(string json) => System.Text.Json.Nodes.JsonNode.Parse(json)!.AsObject();

    private static async Task<IDocument> ImportAsync(HttpClient admin, byte[] file, string reason, string basis, bool publish = true)
    {
        var page = await Html.GetAsync(admin, "/admin/import");
        var token = page.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("input[name=__RequestVerificationToken]")!.Value;
        using var content = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent(publish ? "true" : "false"), "Publish" },
            { new StringContent(reason), "Reason" },
            { new StringContent(basis), "Basis" },
            { new ByteArrayContent(file), "catalog", "catalog.json" },
        };
        var response = await admin.PostAsync("/admin/import", content, Cancel);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await Html.ParseAsync(response);
    }
}

public sealed class AdminCatalogTests_Sqlite(SqliteHall hall) : AdminCatalogTests(hall), IClassFixture<SqliteHall>;

public sealed class AdminCatalogTests_Postgres(PostgresHall hall) : AdminCatalogTests(hall), IClassFixture<PostgresHall>;
