using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using AngleSharp.Dom;
using GovHall.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace GovHall.Tests.Catalog;

// Export and import of the catalog file: round trip, whole-file refusal with line-precise
// errors, new items, and drafts left unpublished.
public abstract partial class AdminCatalogTests
{
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

    // A file with hundreds of problems lists the first hundred by line and says how many more.
    [Fact]
    public async Task Import_FileWithHundredsOfProblems_ListsTheFirstHundredAndCountsTheRest()
    {
        var admin = await Staff.SignInAsync(Hall, "catalog");
        var file = JsonNodeOf(await (await admin.GetAsync("/admin/export", Cancel)).Content.ReadAsStringAsync(Cancel));
        var template = file["items"]!.AsArray()[0]!;
        var items = new System.Text.Json.Nodes.JsonArray();
        for (var i = 0; i < 150; i++)
        {
            var bad = template.DeepClone();
            bad["basicCode"] = $"0020888{i:D5}";
            bad["code"] = $"1131011200245871XA40020888{i:D5}";
            bad["name"] = $"导入测试事项（错误 {i}）";
            items.Add(bad);
        }

        file["items"] = items;
        var page = await ImportAsync(admin, Encoding.UTF8.GetBytes(file.ToJsonString()), "导入", "测试");

        var total = int.Parse(System.Text.RegularExpressions.Regex.Match(page.QuerySelector(".notice.bad p")!.TextContent, @"共发现 (\d+) 处问题").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(total >= 150, $"{total} problems found in 150 bad items");
        Assert.Equal(100, page.QuerySelectorAll("#import-errors li").Length);
        Assert.Contains($"另有 {total - 100} 处问题未列出", page.QuerySelector("#import-errors-more")!.TextContent, StringComparison.Ordinal);
        Assert.False(await Hall.WithDbAsync(db => db.ServiceItems.AnyAsync(i => i.Name.StartsWith("导入测试事项（错误"), Cancel)));
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
}
