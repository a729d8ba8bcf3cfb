using System.Globalization;
using System.IO.Compression;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using GovHall.Core.Catalog;
using GovHall.Core.Storage;
using GovHall.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace GovHall.Tests.Catalog;

// The demo catalog as it is in the repository (src/GovHall.Web/Demo/catalog.json) goes through
// the import the demo seeding uses (ImportCatalog: ItemValidator on every item, duplicate codes,
// the files each item names), checked only, with the files of Demo/files arriving.
public sealed partial class DemoCatalogTests(SqliteHall hall) : IClassFixture<SqliteHall>
{
    private static readonly string DemoFolder = Path.Combine(HallFactory.ArtifactsFolder(".."), "src", "GovHall.Web", "Demo");

    [Fact]
    public async Task Import_DemoCatalog_FindsEveryItemValid()
    {
        var cancel = TestContext.Current.CancellationToken;
        var json = await File.ReadAllBytesAsync(Path.Combine(DemoFolder, "catalog.json"), cancel);
        var files = Directory.EnumerateFiles(Path.Combine(DemoFolder, "files")).Select(f => ContentHash.Of(File.ReadAllBytes(f))).ToHashSet();
        await using var scope = hall.Services.CreateAsyncScope();

        var (summary, errors) = await scope.ServiceProvider.GetRequiredService<ImportCatalog>().RunAsync(json, null, "test", files, cancel, dryRun: true);

        Assert.True(errors.Count == 0, errors.Count == 0 ? "" : Describe(errors, json));
        Assert.NotNull(summary);
    }

    // A guide never sends people elsewhere for what the hall itself offers, never names a button
    // of this hall that does not exist, and never lists paper counts of nothing (issue 23).
    [Fact]
    public async Task DemoCatalog_GuidesAreConsistentWithWhatTheHallOffers()
    {
        var catalog = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(DemoFolder, "catalog.json"), TestContext.Current.CancellationToken))!;
        foreach (var item in catalog["items"]!.AsArray())
        {
            var text = item!.ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
            var name = item["name"]!.GetValue<string>();
            if (item["onlineDepth"]!.GetValue<string>() is "FullyOnline" or "OnlineAcceptance")
            {
                Assert.False(text.Contains("中国教师资格网填报", StringComparison.Ordinal), $"{name} sends applicants to another site while offering 在线办理");
            }

            Assert.False(text.Contains("“一网通办”本事项页面", StringComparison.Ordinal), $"{name} names a 我要咨询 button as if on this page");
        }
    }

    // What the validator cannot know and the demo promises: one bureau implements every item,
    // every blank form and sample a guide links to opens as a Word document with Chinese text
    // and a table, a sample is named as one (示例样表 / 样本) and a blank form is not, and the
    // items span both kinds of applicant and the online depths the list's filters offer.
    [Fact]
    public async Task DemoCatalog_IsOneBureaus_WithFormsThatOpen_AndEveryFilterUsed()
    {
        var cancel = TestContext.Current.CancellationToken;
        var items = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(DemoFolder, "catalog.json"), cancel))!["items"]!.AsArray();

        Assert.Single(items.Select(i => (string?)i!["implementingBody"]!["name"]).Distinct());
        Assert.Single(items.Select(i => (string?)i!["implementingBody"]!["creditCode"]).Distinct());
        Assert.Equal(["Organization", "Person"], items.SelectMany(i => i!["applicantTypes"]!.AsArray().Select(a => (string)a!)).Distinct().Order());
        Assert.Equal(["Download", "FullyOnline", "Information", "OnlineAcceptance", "PreReview"], items.Select(i => (string)i!["onlineDepth"]!).Distinct().Order());

        var files = items.SelectMany(i => MaterialsOf(i!))
            .SelectMany(m => new[] { (Role: "blank", File: m["blankForm"]), (Role: "sample", File: m["sample"]) })
            .Where(f => f.File is not null)
            .Select(f => (f.Role, Name: (string)f.File!["fileName"]!))
            .Distinct().ToList();
        Assert.NotEmpty(files);
        foreach (var (role, name) in files)
        {
            var named = name.Contains("示例", StringComparison.Ordinal) || name.Contains("样本", StringComparison.Ordinal);
            Assert.True(named == (role == "sample"), $"{name} is linked as a {role} but named as {(named ? "a sample" : "a blank form")}");
            using var archive = ZipFile.OpenRead(Path.Combine(DemoFolder, "files", name));
            var document = archive.GetEntry("word/document.xml");
            Assert.True(document is not null, $"{name} is not a Word document");
            using var reader = new StreamReader(document.Open());
            var body = await reader.ReadToEndAsync(cancel);
            Assert.True(body.Contains("<w:tbl>", StringComparison.Ordinal) && ChineseText().IsMatch(body), $"{name} lacks its Chinese title or its field table");
        }
    }

    private static IEnumerable<JsonNode> MaterialsOf(JsonNode item) =>
        (item["materials"]?.AsArray() ?? []).Concat((item["situations"]?.AsArray() ?? []).SelectMany(s => s!["materials"]?.AsArray() ?? []))!;

    [GeneratedRegex(@"[\u4e00-\u9fff]")]
    private static partial Regex ChineseText();

    // "item 3 1131011200245871XF4…（校车使用许可）: items[2].materials[0].name, line 120: …"
    private static string Describe(IReadOnlyList<ImportCatalog.ImportError> errors, byte[] json)
    {
        var first = errors[0];
        var where = "the catalog";
        if (ItemIndex().Match(first.Path) is { Success: true } match)
        {
            var index = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
            var item = JsonNode.Parse(json)!["items"]![index];
            where = $"item {index + 1} {item?["code"]}（{item?["name"]}）";
        }

        return $"The demo catalog does not import: {where}: {first.Path}, line {first.Line}: {first.Message}"
            + (errors.Count > 1 ? $" (and {errors.Count - 1} more problems)" : "");
    }

    [GeneratedRegex(@"^items\[(\d+)\]")]
    private static partial Regex ItemIndex();
}
