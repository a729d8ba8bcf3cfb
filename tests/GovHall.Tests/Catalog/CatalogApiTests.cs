using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GovHall.Tests.Infrastructure;

namespace GovHall.Tests.Catalog;

public abstract class CatalogApiTests(HallFactory hall) : HallTest(hall)
{
    private async Task<JsonElement> GetJsonAsync(string url, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var response = await Client.GetAsync(url, Cancel);
        Assert.Equal(expected, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>(Cancel);
    }

    private async Task<string> CodeOfAsync(string name)
    {
        var list = await GetJsonAsync($"/api/v1/items?q={Uri.EscapeDataString(name)}&pageSize=5");
        return list.GetProperty("items").EnumerateArray().First(i => i.GetProperty("name").GetString() == name).GetProperty("code").GetString()!;
    }

    [Fact]
    public async Task ListItems_WithoutQuery_PagesThroughEveryPublishedItem()
    {
        var first = await GetJsonAsync("/api/v1/items?pageSize=10");
        var second = await GetJsonAsync("/api/v1/items?pageSize=10&page=2");
        Assert.True(first.GetProperty("total").GetInt32() >= 20);
        Assert.Equal(10, first.GetProperty("items").GetArrayLength());
        Assert.Equal(2, second.GetProperty("page").GetInt32());
        var codes = first.GetProperty("items").EnumerateArray().Concat(second.GetProperty("items").EnumerateArray())
            .Select(i => i.GetProperty("code").GetString()).ToList();
        Assert.Equal(codes.Count, codes.Distinct().Count());
    }

    [Fact]
    public async Task Search_TeacherQualification_RanksTheQualificationItemFirstWithHighlights()
    {
        var result = await GetJsonAsync($"/api/v1/items?q={Uri.EscapeDataString("教师资格")}");
        var first = result.GetProperty("items")[0];
        Assert.Equal(Demo.TeacherQualification, first.GetProperty("name").GetString());
        var name = first.GetProperty("nameHighlighted").GetString()!;
        Assert.Equal(Demo.TeacherQualification, name.Replace("<mark>", "", StringComparison.Ordinal).Replace("</mark>", "", StringComparison.Ordinal));
        var marked = string.Concat(System.Text.RegularExpressions.Regex.Matches(name, "<mark>(.*?)</mark>").Select(m => m.Groups[1].Value));
        Assert.Contains("教师", marked, StringComparison.Ordinal);
        Assert.Contains("资格", marked, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Search_WordInTheGuideOnly_ShowsItMarkedInAShortSnippet()
    {
        var result = await GetJsonAsync($"/api/v1/items?q={Uri.EscapeDataString("普通话")}&pageSize=10");
        var hit = result.GetProperty("items").EnumerateArray().First(i => i.GetProperty("name").GetString() == Demo.TeacherQualification);
        var snippet = hit.GetProperty("snippet").GetString()!;
        Assert.Contains("<mark>普通话</mark>", snippet, StringComparison.Ordinal);
        Assert.InRange(snippet.Replace("<mark>", "", StringComparison.Ordinal).Replace("</mark>", "", StringComparison.Ordinal).Length, 10, 120);
        Assert.DoesNotContain("<mark>", hit.GetProperty("nameHighlighted").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("转学", Demo.Transfer)]
    [InlineData("转校", Demo.Transfer)]
    [InlineData("幼儿园", "普惠性民办幼儿园认定")]
    [InlineData("学前", "普惠性民办幼儿园认定")]
    [InlineData("学前", "幼儿园入园报名登记")]
    public async Task Search_CommonWords_FindTheItemsPeopleMean(string words, string expected)
    {
        var result = await GetJsonAsync($"/api/v1/items?q={Uri.EscapeDataString(words)}&pageSize=10");
        var names = result.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("name").GetString()).ToList();
        Assert.Contains(expected, names);
    }

    [Fact]
    public async Task Search_Transfer_DoesNotReturnUnrelatedItems()
    {
        var result = await GetJsonAsync($"/api/v1/items?q={Uri.EscapeDataString("转学")}&pageSize=50");
        var names = result.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("name").GetString()).ToList();
        Assert.Equal(Demo.Transfer, names[0]);
        Assert.DoesNotContain(Demo.SchoolBus, names);
    }

    [Fact]
    public async Task ListItems_FilteredByKindAndZeroVisits_ReturnsOnlyMatchingItems()
    {
        var services = await GetJsonAsync("/api/v1/items?kind=PublicService&pageSize=100");
        Assert.True(services.GetProperty("total").GetInt32() >= 4);
        Assert.All(services.GetProperty("items").EnumerateArray(), i => Assert.Equal("PublicService", i.GetProperty("kind").GetString()));

        var zero = await GetJsonAsync("/api/v1/items?zeroVisits=true&pageSize=100");
        var all = await GetJsonAsync("/api/v1/items?pageSize=100");
        Assert.All(zero.GetProperty("items").EnumerateArray(), i => Assert.Equal(0, i.GetProperty("visitsRequired").GetInt32()));
        Assert.True(zero.GetProperty("total").GetInt32() < all.GetProperty("total").GetInt32());

        var organisations = await GetJsonAsync("/api/v1/items?applicantType=Organization&onlineDepth=FullyOnline&pageSize=100");
        Assert.All(organisations.GetProperty("items").EnumerateArray(), i =>
        {
            Assert.Contains("Organization", i.GetProperty("applicantTypes").EnumerateArray().Select(a => a.GetString()));
            Assert.Equal("FullyOnline", i.GetProperty("onlineDepth").GetString());
        });
    }

    [Fact]
    public async Task GetItem_Published_ReturnsEveryElementWithAnETagThatRevalidates()
    {
        var code = await CodeOfAsync(Demo.TeacherQualification);
        var response = await Client.GetAsync($"/api/v1/items/{code}", Cancel);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var item = await response.Content.ReadFromJsonAsync<JsonElement>(Cancel);
        foreach (var member in new[] { "code", "name", "kind", "topics", "implementingBody", "legalBasis", "conditions", "situations", "materials",
                     "steps", "statutoryLimit", "promisedLimit", "fees", "onlineDepth", "visitsRequired", "appointment", "delivery", "place",
                     "contacts", "remedies", "result", "faqs", "version", "publishedAt" })
        {
            Assert.True(item.TryGetProperty(member, out _), $"missing {member}");
        }

        Assert.Equal("WorkingDays", item.GetProperty("promisedLimit").GetProperty("unit").GetString());
        Assert.Contains(item.GetProperty("legalBasis").EnumerateArray(), b => b.GetProperty("law").GetString()!.Contains("教师", StringComparison.Ordinal));
        var etag = response.Headers.ETag;
        Assert.NotNull(etag);

        using var revalidate = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/items/{code}");
        revalidate.Headers.IfNoneMatch.Add(etag);
        var notModified = await Client.SendAsync(revalidate, Cancel);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
    }

    [Fact]
    public async Task GetItem_UnknownCode_IsProblemDetails404()
    {
        var response = await Client.GetAsync($"/api/v1/items/{Demo.Prefix}009999999999", Cancel);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Cancel);
        Assert.Equal("item.not_found", problem.GetProperty("code").GetString());

        var versions = await Client.GetAsync("/api/v1/items/not-a-code/versions", Cancel);
        Assert.Equal(HttpStatusCode.NotFound, versions.StatusCode);

        var nowhere = await Client.GetAsync("/api/v1/nowhere", Cancel);
        Assert.Equal(HttpStatusCode.NotFound, nowhere.StatusCode);
        Assert.Equal("application/problem+json", nowhere.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task ListVersions_Published_ShowsReasonAndBasis()
    {
        var code = await CodeOfAsync(Demo.SchoolBus);
        var versions = await GetJsonAsync($"/api/v1/items/{code}/versions");
        var first = versions.GetProperty("versions")[0];
        Assert.Equal(1, first.GetProperty("version").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(first.GetProperty("reason").GetString()));
        Assert.False(string.IsNullOrWhiteSpace(first.GetProperty("basis").GetString()));
    }

    [Theory]
    [InlineData("page=abc", "query.invalid")]
    [InlineData("page=0", "query.invalid")]
    [InlineData("pageSize=1000", "query.invalid")]
    [InlineData("kind=Unknown", "query.invalid")]
    [InlineData("kind=3", "query.invalid")]
    [InlineData("zeroVisits=maybe", "query.invalid")]
    public async Task ListItems_MalformedQuery_Is400WithStableCode(string query, string code)
    {
        var problem = await GetJsonAsync($"/api/v1/items?{query}", HttpStatusCode.BadRequest);
        Assert.Equal(code, problem.GetProperty("code").GetString());
    }

    [Fact]
    public async Task ListItems_TooLongQuery_Is400AndTheInputIsNeverLogged()
    {
        var marker = "长查询标记" + Guid.NewGuid().ToString("N");
        var tooLongSearch = marker + new string('字', 120);
        var problem = await GetJsonAsync($"/api/v1/items?q={Uri.EscapeDataString(tooLongSearch)}", HttpStatusCode.BadRequest);
        Assert.Equal("query.too_long", problem.GetProperty("code").GetString());

        var hugeQuery = await Client.GetAsync($"/items?q={marker}&x={new string('a', 3000)}", Cancel);
        Assert.Equal(HttpStatusCode.BadRequest, hugeQuery.StatusCode);
        Assert.DoesNotContain(Hall.Logs, line => line.Contains(marker, StringComparison.Ordinal)
            || line.Contains(Uri.EscapeDataString(marker), StringComparison.Ordinal));
    }
}

public sealed class CatalogApiTests_Sqlite(SqliteHall hall) : CatalogApiTests(hall), IClassFixture<SqliteHall>;

public sealed class CatalogApiTests_Postgres(PostgresHall hall) : CatalogApiTests(hall), IClassFixture<PostgresHall>;
