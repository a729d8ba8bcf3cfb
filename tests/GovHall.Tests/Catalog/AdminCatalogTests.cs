using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AngleSharp.Dom;
using GovHall.Core.Catalog;
using GovHall.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace GovHall.Tests.Catalog;

public abstract partial class AdminCatalogTests(HallFactory hall) : HallTest(hall)
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
