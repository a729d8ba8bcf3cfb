using System.Globalization;
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
