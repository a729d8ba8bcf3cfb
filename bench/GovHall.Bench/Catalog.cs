using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using GovHall.Core;
using GovHall.Core.Catalog;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

// A generated catalog for the search benchmark (bench/search.sh): the demo catalog's items
// cloned, each clone under its own basic code and with the name of one of the district's towns
// before it, until the catalog holds --count items, imported and published through the hall's
// own ImportCatalog (the same checks as the administrator's import). Run it on a hall's data
// folder that the demo has already seeded (its guide files are then in the store), with the
// hall stopped.
//
//   catalog --data DIR [--postgres CONN] --from catalog.json --count N
internal static class Catalog
{
    private static readonly string[] Towns =
        ["江川路街道", "古美路街道", "新虹街道", "浦锦街道", "莘庄镇", "七宝镇", "颛桥镇", "华漕镇", "虹桥镇", "梅陇镇", "吴泾镇", "马桥镇", "浦江镇", "莘庄工业区"];

    public static async Task<int> RunAsync(Options options)
    {
        var count = options.Int("count");
        var demo = JsonNode.Parse(await File.ReadAllTextAsync(options.Get("from")))!.AsObject();
        var originals = demo["items"]!.AsArray();
        var items = new JsonArray();
        for (var n = 0; originals.Count + items.Count < count; n++)
        {
            var clone = originals[n % originals.Count]!.DeepClone().AsObject();
            var basic = (900_000_000_000L + n).ToString(CultureInfo.InvariantCulture);
            var code = clone["code"]!.GetValue<string>();
            clone["code"] = string.Concat(code.AsSpan(0, 19), basic);
            clone["basicCode"] = basic;
            clone["name"] = $"{Towns[n / originals.Count % Towns.Length]}{clone["name"]!.GetValue<string>()}（{n / originals.Count / Towns.Length + 1}）";
            items.Add(clone);
        }

        var services = new ServiceCollection()
            .AddSingleton(TimeProvider.System)
            .AddScoped(_ => Database.Open(options))
            .AddSingleton<CatalogIndex>()
            .AddScoped<ImportCatalog>()
            .BuildServiceProvider();
        await using var scope = services.CreateAsyncScope();
        var import = scope.ServiceProvider.GetRequiredService<ImportCatalog>();
        var file = new JsonObject { ["format"] = demo["format"]!.DeepClone(), ["items"] = items };
        var (summary, errors) = await import.RunAsync(
            Encoding.UTF8.GetBytes(file.ToJsonString()),
            new PublicationNote("搜索基准测试：生成的事项目录。", "bench/search.sh（基准测试数据）"), "bench", null, CancellationToken.None);
        if (summary is null)
        {
            Console.Error.WriteLine(string.Join("\n", errors.Take(5).Select(e => $"line {e.Line} {e.Path}: {e.Message}")));
            return 1;
        }

        var total = await scope.ServiceProvider.GetRequiredService<HallDbContext>().ServiceItems.CountAsync();
        Console.WriteLine(System.Text.Json.JsonSerializer.Serialize(new { created = summary.Created, published = summary.Published, items = total }));
        return 0;
    }
}
