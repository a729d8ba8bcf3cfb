using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using GovHall.Core.Cases;
using GovHall.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace GovHall.Tests.Cases;

// 我的办件 with more cases than a page holds (a school files many): newest first, twenty a
// page, with views by what the case needs and their counts; a case waiting for a correction
// is pointed out from the other views.
public abstract class MyCasesTests(HallFactory hall) : HallTest(hall)
{
    private static int CountIn(IDocument page, string label) =>
        int.Parse(Regex.Match(page.QuerySelector("nav.tabs")!.TextContent, label + "（(\\d+)）").Groups[1].Value, CultureInfo.InvariantCulture);

    private static List<string> Listed(IDocument page) =>
        page.QuerySelectorAll("#cases ~ table tbody tr td:first-child").Select(td => td.TextContent.Trim()).ToList();

    [Fact]
    public async Task ManyCases_ArePaged_AndSortedIntoViews_WithTheirCounts()
    {
        var token = await PartnerApi.TokenAsync(Client, "cases.submit");
        var codes = new List<string>();
        for (var i = 0; i < 23; i++)
        {
            var body = await PartnerApi.AppealForAsync(Hall, "zhangsan", $"第 {i} 件。");
            var made = await PartnerApi.SubmitAsync(Client, body, Guid.NewGuid().ToString(), token);
            codes.Add((await made.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("trackingCode").GetString()!);
        }

        // One waits for a correction, one has ended; the others are being handled.
        var (waiting, ended) = (codes[3], codes[5]);
        await Hall.WithDbAsync(db => db.Cases.Where(c => c.TrackingCode == waiting)
            .ExecuteUpdateAsync(c => c.SetProperty(x => x.Stage, CaseStage.CorrectionRequested), Cancel));
        await Hall.WithDbAsync(db => db.Cases.Where(c => c.TrackingCode == ended)
            .ExecuteUpdateAsync(c => c.SetProperty(x => x.Stage, CaseStage.Concluded), Cancel));
        var zhangsan = await Staff.SignInAsync(Hall, "zhangsan");

        var first = await Html.GetAsync(zhangsan, "/account/me/cases");
        var (all, asked, open, done) = (CountIn(first, "全部"), CountIn(first, "待我补正"), CountIn(first, "办理中"), CountIn(first, "已办结"));
        Assert.True(all >= 23, $"全部（{all}）");
        Assert.Equal(all, asked + open + done);
        Assert.Contains($"有 {asked} 件需要您补正材料", first.QuerySelector("main .notice")!.TextContent, StringComparison.Ordinal);
        var pages = (all + 19) / 20;
        Assert.Contains($"第 1 页，共 {pages} 页", first.QuerySelector("nav.pager")!.TextContent, StringComparison.Ordinal);
        var firstRows = Listed(first);
        Assert.Equal(20, firstRows.Count);
        Assert.Equal(TrackingCode.Display(codes[^1]), firstRows[0]);

        // Paging through 全部 lists every case once, newest first.
        var everyRow = new List<string>(firstRows);
        var page = first;
        while (page.QuerySelector("nav.pager a[rel=next]") is { } next)
        {
            page = await Html.GetAsync(zhangsan, next.GetAttribute("href")!);
            everyRow.AddRange(Listed(page));
        }

        Assert.Equal(all, everyRow.Count);
        Assert.Equal(all, everyRow.Distinct().Count());
        var ours = codes.Select(TrackingCode.Display).Reverse().ToList();
        Assert.Equal(ours, everyRow.Where(ours.Contains).ToList());
        var past = await Html.GetAsync(zhangsan, "/account/me/cases?show=all&page=999");
        Assert.Contains($"第 {pages} 页，共 {pages} 页", past.QuerySelector("nav.pager")!.TextContent, StringComparison.Ordinal);

        // Each view lists as many as its tab says (up to a page), and the right ones.
        var askedView = await Html.GetAsync(zhangsan, "/account/me/cases?show=correction");
        Assert.Equal(asked, Listed(askedView).Count);
        Assert.Contains(TrackingCode.Display(waiting), Listed(askedView));
        Assert.Null(askedView.QuerySelector("main .notice"));
        var doneView = await Html.GetAsync(zhangsan, "/account/me/cases?show=ended");
        Assert.Equal(Math.Min(done, 20), Listed(doneView).Count);
        Assert.Contains(TrackingCode.Display(ended), Listed(doneView));
        Assert.DoesNotContain(TrackingCode.Display(waiting), Listed(doneView));
        var openView = await Html.GetAsync(zhangsan, "/account/me/cases?show=open");
        Assert.Equal(Math.Min(open, 20), Listed(openView).Count);
        Assert.Equal(TrackingCode.Display(codes[^1]), Listed(openView)[0]);
        Assert.DoesNotContain(TrackingCode.Display(ended), Listed(openView));
        Assert.DoesNotContain(TrackingCode.Display(waiting), Listed(openView));

        // An unknown view or page is the first page of all cases.
        Assert.Equal(firstRows, Listed(await Html.GetAsync(zhangsan, "/account/me/cases?show=everything&page=-3")));
    }
}

public sealed class MyCasesTests_Sqlite(SqliteHall hall) : MyCasesTests(hall), IClassFixture<SqliteHall>;

public sealed class MyCasesTests_Postgres(PostgresHall hall) : MyCasesTests(hall), IClassFixture<PostgresHall>;
