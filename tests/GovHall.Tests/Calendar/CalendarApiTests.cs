using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GovHall.Tests.Infrastructure;

namespace GovHall.Tests.Calendar;

public abstract class CalendarApiTests(HallFactory hall) : HallTest(hall)
{
    [Fact]
    public async Task Deadline_AcrossSpringFestival_IsTheOfficialWorkingDay()
    {
        var answer = await Client.GetFromJsonAsync<JsonElement>("/api/v1/calendar/deadline?from=2026-02-10&workingDays=20", Cancel);
        Assert.Equal("2026-03-16", answer.GetProperty("deadline").GetString());
        Assert.Equal(20, answer.GetProperty("workingDays").GetInt32());
    }

    [Theory]
    [InlineData("from=2026-13-01&workingDays=1")]
    [InlineData("from=2026-02-10&workingDays=-1")]
    [InlineData("from=2026-02-10&workingDays=abc")]
    [InlineData("workingDays=1")]
    public async Task Deadline_BadQuery_Is400(string query)
    {
        var response = await Client.GetAsync($"/api/v1/calendar/deadline?{query}", Cancel);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("query.invalid", (await response.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("code").GetString());
    }

    // A plausible 2027 arrangement in the notice's shape (the real one is published late in 2026).
    internal const string Year2027 = """
        2027-01-01 至 2027-01-03 休 元旦
        2027-02-06 至 2027-02-14 休 春节
        2027-02-20 班 春节调休上班
        2027-04-03 至 2027-04-05 休 清明节
        2027-05-01 至 2027-05-05 休 劳动节
        2027-05-08 班 劳动节调休上班
        2027-06-09 至 2027-06-11 休 端午节
        2027-09-15 至 2027-09-17 休 中秋节
        2027-10-01 至 2027-10-07 休 国庆节
        2027-10-09 班 国庆节调休上班
        """;

    [Fact]
    public async Task NextYear_MissingUntilEntered_ThenCounted()
    {
        var missing = await Client.GetAsync("/api/v1/calendar/deadline?from=2027-03-01&workingDays=5", Cancel);
        Assert.Equal(HttpStatusCode.Conflict, missing.StatusCode);
        Assert.Equal("calendar.year_missing", (await missing.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("code").GetString());

        var admin = await Staff.SignInAsync(Hall, "admin");
        var page = await Html.GetAsync(admin, "/system/calendar");
        Assert.NotNull(page.QuerySelector("#missing-2027"));

        var refused = await Html.SubmitAsync(admin, page, "main form.stacked", new Dictionary<string, string>
        {
            ["Year"] = "2027", ["Basis"] = "测试依据", ["Lines"] = "2027-01-01 休 元旦\n2027-03-03 班 不是周末",
        });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("第 2 行", (await Html.ParseAsync(refused)).Text(), StringComparison.Ordinal);

        // Half a year is not a year: every festival of the notice must be there.
        var half = await Html.SubmitAsync(admin, page, "main form.stacked", new Dictionary<string, string>
        {
            ["Year"] = "2027", ["Basis"] = "测试依据", ["Lines"] = "2027-01-01 至 2027-01-03 休 元旦",
        });
        Assert.Equal(HttpStatusCode.BadRequest, half.StatusCode);
        Assert.Contains("缺少：春节、清明、劳动节、端午、中秋、国庆", (await Html.ParseAsync(half)).Text(), StringComparison.Ordinal);

        var farAway = await Html.SubmitAsync(admin, page, "main form.stacked", new Dictionary<string, string>
        {
            ["Year"] = "2035", ["Basis"] = "测试依据", ["Lines"] = Year2027,
        });
        Assert.Equal(HttpStatusCode.BadRequest, farAway.StatusCode);
        Assert.Contains("只能录入", (await Html.ParseAsync(farAway)).Text(), StringComparison.Ordinal);

        // A whole year is shown for confirmation first, and counted only once confirmed.
        var preview = await Html.ParseAsync(await Html.SubmitAsync(admin, page, "main form.stacked", new Dictionary<string, string>
        {
            ["Year"] = "2027", ["Basis"] = "国务院办公厅关于2027年部分节假日安排的通知（测试）", ["Lines"] = Year2027,
        }));
        Assert.Equal(10, preview.QuerySelectorAll("#preview-spans tbody tr").Length);
        Assert.Contains("法定节假日 33 天、调休上班日 3 天，全年工作日 243 天", preview.QuerySelector("#preview")!.TextContent, StringComparison.Ordinal);
        var stillMissing = await Client.GetAsync("/api/v1/calendar/deadline?from=2027-03-01&workingDays=5", Cancel);
        Assert.Equal(HttpStatusCode.Conflict, stillMissing.StatusCode);

        var saved = await Html.SubmitAsync(admin, preview, "#confirm");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        // 2027-04-30 is a Friday: 5-01 to 5-05 off, 5-06 (1), 5-07 (2), Saturday 5-08 (3), 5-10 (4), 5-11 (5).
        var answer = await Client.GetFromJsonAsync<JsonElement>("/api/v1/calendar/deadline?from=2027-04-30&workingDays=5", Cancel);
        Assert.Equal("2027-05-11", answer.GetProperty("deadline").GetString());
    }
}

public sealed class CalendarApiTests_Sqlite(SqliteHall hall) : CalendarApiTests(hall), IClassFixture<SqliteHall>;

public sealed class CalendarApiTests_Postgres(PostgresHall hall) : CalendarApiTests(hall), IClassFixture<PostgresHall>;
