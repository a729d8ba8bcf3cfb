using System.Globalization;
using System.Text.Json;
using GovHall.Core;
using GovHall.Core.Catalog;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GovHall.Web.Api;

// The public read API of the catalog (README.md#public-read-api-no-credentials; the item's format
// in docs/catalog-format.md).
public static class CatalogApi
{
    public static IEndpointRouteBuilder MapCatalogApi(this IEndpointRouteBuilder endpoints)
    {
        var items = endpoints.MapGroup("/api/v1/items").WithTags("Catalog").AllowAnonymous();
        items.MapGet("", ListAsync).WithName("ListItems").WithSummary("Published items, filtered and searched (q: Chinese full text, best match first).");
        items.MapGet("/{itemCode}", GetAsync).WithName("GetItem").WithSummary("The current published version of one item, with an ETag.");
        items.MapGet("/{itemCode}/versions", VersionsAsync).WithName("ListItemVersions").WithSummary("Published versions, newest first, with reason and basis.");
        return endpoints;
    }

    private static async Task<Results<Ok<ItemListResponse>, ProblemHttpResult>> ListAsync(HttpRequest request, CatalogIndex index, CancellationToken cancellationToken)
    {
        var parsed = CatalogQueryParser.Parse(request.Query);
        if (!parsed.Succeeded)
        {
            return Problems.From(parsed.Errors[0]);
        }

        var page = await index.SearchAsync(parsed.Value!, cancellationToken);
        return TypedResults.Ok(new ItemListResponse(
            page.Items.Select(h => new ItemListEntry(
                h.Code, h.Name, h.Kind, h.Topics, h.Department, h.OnlineDepth, h.VisitsRequired, h.ApplicantTypes, h.NameHtml, h.SnippetHtml)).ToList(),
            page.Total, page.Page, page.PageSize));
    }

    private static async Task<IResult> GetAsync(string itemCode, HttpContext context, PublicCatalog catalog, CancellationToken cancellationToken)
    {
        var found = await catalog.CurrentAsync(itemCode, cancellationToken);
        if (!found.Succeeded)
        {
            return Problems.From(found.Errors[0]);
        }

        var published = found.Value!;
        var etag = $"\"{published.Item.Code}-v{published.Version.Version.ToString(CultureInfo.InvariantCulture)}\"";
        context.Response.Headers.ETag = etag;
        context.Response.Headers.CacheControl = "public, max-age=60";
        if (context.Request.Headers.IfNoneMatch.Any(v => v is not null && v.Split(',').Select(s => s.Trim()).Contains(etag)))
        {
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }

        var body = JsonSerializer.SerializeToNode(published.Content, CatalogJson.Options)!.AsObject();
        body["version"] = published.Version.Version;
        body["publishedAt"] = DateTime.SpecifyKind(published.Version.PublishedAt, DateTimeKind.Utc);
        return TypedResults.Json(body, CatalogJson.Options);
    }

    private static async Task<Results<Ok<VersionListResponse>, ProblemHttpResult>> VersionsAsync(string itemCode, PublicCatalog catalog, CancellationToken cancellationToken)
    {
        var versions = await catalog.VersionsAsync(itemCode, cancellationToken);
        if (versions is null)
        {
            return Problems.From(CatalogErrors.UnknownItem);
        }

        return TypedResults.Ok(new VersionListResponse(itemCode,
            versions.Select(v => new VersionEntry(v.Version, DateTime.SpecifyKind(v.PublishedAt, DateTimeKind.Utc), v.Reason, v.Basis)).ToList()));
    }
}

public sealed record ItemListResponse(IReadOnlyList<ItemListEntry> Items, int Total, int Page, int PageSize);

public sealed record ItemListEntry(
    string Code, string Name, ItemKind Kind, IReadOnlyList<string> Topics, string Department, OnlineDepth OnlineDepth,
    int VisitsRequired, IReadOnlyList<ApplicantType> ApplicantTypes, string NameHighlighted, string Snippet);

public sealed record VersionListResponse(string Code, IReadOnlyList<VersionEntry> Versions);

public sealed record VersionEntry(int Version, DateTime PublishedAt, string Reason, string Basis);

// Reads the directory's query string, the same for the page and the API. Anything malformed
// is refused with a message that says which parameter, without echoing its value.
public static class CatalogQueryParser
{
    public static Result<CatalogQuery> Parse(IQueryCollection query)
    {
        static string? One(IQueryCollection query, string name) =>
            query.TryGetValue(name, out var values) && values.Count > 0 && !string.IsNullOrWhiteSpace(values[^1]) ? values[^1]!.Trim() : null;

        static Error Invalid(string name, string message) => new("query.invalid", $"参数 {name} 不正确：{message}", name);

        var text = One(query, "q");
        if (text is { Length: > CatalogQuery.MaxTextLength })
        {
            return new Error("query.too_long", $"搜索词不能超过 {CatalogQuery.MaxTextLength} 个字。", "q");
        }

        if (text is not null && text.Any(char.IsControl))
        {
            return Invalid("q", "含有不可见的控制字符。");
        }

        ItemKind? kind = null;
        if (One(query, "kind") is { } kindText)
        {
            if (!Enum.TryParse<ItemKind>(kindText, ignoreCase: true, out var k) || !Enum.IsDefined(k) || char.IsAsciiDigit(kindText[0]))
            {
                return Invalid("kind", "应为 License、Confirmation、Payment、Award、Adjudication、OtherPower 或 PublicService。");
            }

            kind = k;
        }

        ApplicantType? applicant = null;
        if (One(query, "applicantType") is { } applicantText)
        {
            if (!Enum.TryParse<ApplicantType>(applicantText, ignoreCase: true, out var a) || !Enum.IsDefined(a) || char.IsAsciiDigit(applicantText[0]))
            {
                return Invalid("applicantType", "应为 Person 或 Organization。");
            }

            applicant = a;
        }

        OnlineDepth? depth = null;
        if (One(query, "onlineDepth") is { } depthText)
        {
            if (!Enum.TryParse<OnlineDepth>(depthText, ignoreCase: true, out var d) || !Enum.IsDefined(d) || char.IsAsciiDigit(depthText[0]))
            {
                return Invalid("onlineDepth", "应为 Information、Download、PreReview、OnlineAcceptance 或 FullyOnline。");
            }

            depth = d;
        }

        var zeroVisits = false;
        if (One(query, "zeroVisits") is { } zeroText)
        {
            if (!bool.TryParse(zeroText, out zeroVisits))
            {
                return Invalid("zeroVisits", "应为 true 或 false。");
            }
        }

        var topic = One(query, "topic");
        if (topic is { Length: > 20 })
        {
            return Invalid("topic", "主题名称太长。");
        }

        var department = One(query, "department");
        if (department is { Length: > 100 })
        {
            return Invalid("department", "科室名称太长。");
        }

        var page = 1;
        if (One(query, "page") is { } pageText && (!int.TryParse(pageText, NumberStyles.None, CultureInfo.InvariantCulture, out page) || page is < 1 or > 1000))
        {
            return Invalid("page", "应为 1 至 1000 的整数。");
        }

        var pageSize = 20;
        if (One(query, "pageSize") is { } sizeText
            && (!int.TryParse(sizeText, NumberStyles.None, CultureInfo.InvariantCulture, out pageSize) || pageSize is < 1 or > CatalogQuery.MaxPageSize))
        {
            return Invalid("pageSize", $"应为 1 至 {CatalogQuery.MaxPageSize} 的整数。");
        }

        return new CatalogQuery(text, kind, topic, applicant, depth, zeroVisits, page, pageSize) { Department = department };
    }
}
