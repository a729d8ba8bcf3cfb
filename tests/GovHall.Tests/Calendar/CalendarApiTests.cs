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

        var saved = await Html.SubmitAsync(admin, page, "main form.stacked", new Dictionary<string, string>
        {
            ["Year"] = "2027", ["Basis"] = "国务院办公厅关于2027年部分节假日安排的通知（测试）",
            ["Lines"] = "2027-01-01 休 元旦\n2027-03-02 至 2027-03-03 休 测试假期\n2027-03-06 班 测试调休上班",
        });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        // 2027-03-01 is a Monday: 3-02 and 3-03 off, 3-04 (1), 3-05 (2), Saturday 3-06 (3), 3-08 (4), 3-09 (5).
        var answer = await Client.GetFromJsonAsync<JsonElement>("/api/v1/calendar/deadline?from=2027-03-01&workingDays=5", Cancel);
        Assert.Equal("2027-03-09", answer.GetProperty("deadline").GetString());
    }
}

public sealed class CalendarApiTests_Sqlite(SqliteHall hall) : CalendarApiTests(hall), IClassFixture<SqliteHall>;

public sealed class CalendarApiTests_Postgres(PostgresHall hall) : CalendarApiTests(hall), IClassFixture<PostgresHall>;
