using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GovHall.Core.Cases;
using GovHall.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace GovHall.Tests.Calendar;

// Issue 23: a deadline that runs into a year whose holiday arrangement is not yet entered is
// counted as Monday to Friday and shown as 暂定, and counted again the moment the year is entered.
public abstract class ProvisionalDeadlineTests(DecemberHall hall) : HallTest(hall)
{
    private DecemberHall December => (DecemberHall)Hall;

    private Task<Case> CaseAsync(string code) => Hall.WithDbAsync(db => db.Cases.AsNoTracking().SingleAsync(c => c.TrackingCode == code, Cancel));

    [Fact]
    public async Task DeadlinesIntoAYearNotEntered_ShowAsProvisional_AndAreCountedAgainWhenItIsEntered()
    {
        // Monday 2026-12-14: two cases accepted; one is later suspended over 元旦.
        var zhangsan = await Staff.SignInAsync(Hall, "zhangsan");
        var first = await TeacherApplication.SubmitAsync(Hall, zhangsan);
        var second = await TeacherApplication.SubmitAsync(Hall, zhangsan);
        var clerk = await Staff.SignInAsync(Hall, "clerk");
        var (_, accepted) = await Workbench.ActAsync(clerk, first, CaseAction.Accept);
        await Workbench.ActAsync(clerk, second, CaseAction.Accept);

        // 30 working days counted Monday to Friday: 13 left in December, the 17th of January is
        // 01-25 (1-1 counted, since 2027 is not entered).
        Assert.Equal("2027-01-25", accepted.QuerySelector("#deadline")!.TextContent);
        Assert.NotNull(accepted.QuerySelector("#deadline-provisional"));
        Assert.Contains("暂按周一至周五计算", accepted.QuerySelector(".deadline-note")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("（暂定）", accepted.QuerySelector("#time-left")!.TextContent, StringComparison.Ordinal);

        // The one-code query and its API show the date, marked, never "受理后确定".
        var query = await Html.GetAsync(Client, $"/query?code={first}");
        Assert.Equal("2027-01-25", query.QuerySelector("#deadline")!.TextContent);
        Assert.NotNull(query.QuerySelector("#deadline-provisional"));
        Assert.DoesNotContain("受理后确定", query.Text(), StringComparison.Ordinal);
        var status = await Client.GetFromJsonAsync<JsonElement>($"/api/v1/cases/status?code={first}", Cancel);
        Assert.Equal("2027-01-25", status.GetProperty("deadline").GetString());
        Assert.True(status.GetProperty("deadlineProvisional").GetBoolean());
        var own = await Html.GetAsync(zhangsan, $"/account/me/cases/{first}");
        Assert.NotNull(own.QuerySelector("#deadline-provisional"));
        var notice = own.QuerySelectorAll("#documents a").Single(a => a.TextContent.Contains("受理通知书", StringComparison.Ordinal));
        var noticeText = PdfReading.Text(await zhangsan.GetByteArrayAsync(notice.GetAttribute("href"), Cancel));
        Assert.Contains("2027年1月25日", noticeText, StringComparison.Ordinal);
        Assert.Contains("此日期为暂定", noticeText, StringComparison.Ordinal);

        // The second case is reviewed, then suspended on Monday 12-28 and resumed on Tuesday
        // 2027-01-05: six weekdays provisionally (12-29 … 1-5, 1-1 among them).
        var reviewer = await Staff.SignInAsync(Hall, "reviewer");
        await Workbench.ActAsync(reviewer, second, CaseAction.Review, new() { ["reason"] = "材料齐全。" });
        December.Clock.Advance(TimeSpan.FromDays(14));
        var approver = await Staff.SignInAsync(Hall, "approver");
        var (suspended, _) = await Workbench.ActAsync(approver, second, CaseAction.Suspend, new() { ["procedure"] = "专家评审", ["reason"] = "需专家评审。" });
        Assert.Equal(HttpStatusCode.Redirect, suspended.StatusCode);
        December.Clock.Advance(TimeSpan.FromDays(8));
        approver = await Staff.SignInAsync(Hall, "approver");
        var (resumed, _) = await Workbench.ActAsync(approver, second, CaseAction.Resume);
        Assert.Equal(HttpStatusCode.Redirect, resumed.StatusCode);
        var counted = await CaseAsync(second);
        Assert.Equal(6, counted.SuspendedWorkingDays);
        Assert.True(counted.DeadlineProvisional);

        // Administrators are warned, as for any missing year.
        var admin = await Staff.SignInAsync(Hall, "admin");
        var calendarPage = await Html.GetAsync(admin, "/system/calendar");
        Assert.Contains("暂按周一至周五计算", calendarPage.QuerySelector("#missing-2027")!.TextContent, StringComparison.Ordinal);

        // 2027 is entered (元旦 2027-01-01 … 01-03): both cases are counted again at once.
        var preview = await Html.ParseAsync(await Html.SubmitAsync(admin, calendarPage, "main form.stacked", new Dictionary<string, string>
        {
            ["Year"] = "2027", ["Basis"] = "国务院办公厅关于2027年部分节假日安排的通知（测试）", ["Lines"] = CalendarApiTests.Year2027,
        }));
        Assert.Equal(HttpStatusCode.Redirect, (await Html.SubmitAsync(admin, preview, "#confirm")).StatusCode);
        Assert.Contains("重新计算 2 件办件", (await Html.GetAsync(admin, "/system/calendar")).Text(), StringComparison.Ordinal);

        // The first: 1-1 is a holiday, so the 30th working day is 01-26, no longer provisional.
        var recounted = await CaseAsync(first);
        Assert.Equal(new DateOnly(2027, 1, 26), recounted.Deadline);
        Assert.Equal(new DateOnly(2027, 1, 12), recounted.PromisedDeadline);
        Assert.False(recounted.DeadlineProvisional);
        var queryAfter = await Html.GetAsync(Client, $"/query?code={first}");
        Assert.Equal("2027-01-26", queryAfter.QuerySelector("#deadline")!.TextContent);
        Assert.Null(queryAfter.QuerySelector("#deadline-provisional"));
        Assert.False((await Client.GetFromJsonAsync<JsonElement>($"/api/v1/cases/status?code={first}", Cancel)).GetProperty("deadlineProvisional").GetBoolean());

        // The second: its suspension is recounted too (five working days, 1-1 off), so 30 + 5
        // working days from 12-14 end on 02-02; keeping the six would have given 02-03.
        var resumedCase = await CaseAsync(second);
        Assert.Equal(5, resumedCase.SuspendedWorkingDays);
        Assert.Equal(new DateOnly(2027, 2, 2), resumedCase.Deadline);
        Assert.False(resumedCase.DeadlineProvisional);
        var staffPage = await Html.GetAsync(approver, $"/staff/cases/{second}");
        Assert.Equal("2027-02-02", staffPage.QuerySelector("#deadline")!.TextContent);
        Assert.DoesNotContain("暂定", staffPage.QuerySelector("#time-left")!.TextContent, StringComparison.Ordinal);
    }
}

public sealed class ProvisionalDeadlineTests_Sqlite(SqliteDecemberHall hall) : ProvisionalDeadlineTests(hall), IClassFixture<SqliteDecemberHall>;

public sealed class ProvisionalDeadlineTests_Postgres(PostgresDecemberHall hall) : ProvisionalDeadlineTests(hall), IClassFixture<PostgresDecemberHall>;
