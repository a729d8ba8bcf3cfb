using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using GovHall.Core;
using GovHall.Core.Cases;
using GovHall.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GovHall.Tests.Cases;

// Issue 23: the letters a case gets stand as official documents. Read from the PDFs as a person
// reads them: the party in full, the 文号, the bureau and date under its seal, and a signed QR
// code that verifies; the receipt still masks.
public abstract partial class DocumentTests(HallFactory hall) : HallTest(hall)
{
    [GeneratedRegex(@"闵教许受〔(\d{4})〕(\d+)号")]
    private static partial Regex AcceptanceNumber();

    private static string Today => ChinaDate.Today(TimeProvider.System).ToString("yyyy年M月d日", CultureInfo.InvariantCulture);

    [Fact]
    public async Task Letters_NameThePartyInFull_AndCarryTheirNumberSealAndAVerifiableSignature()
    {
        var zhangsan = await Staff.SignInAsync(Hall, "zhangsan");
        var code = await TeacherApplication.SubmitAsync(Hall, zhangsan);
        var receipt = PdfReading.Text(await zhangsan.GetByteArrayAsync($"/account/me/cases/{code}/receipt.pdf", Cancel));
        Assert.Contains("张*", receipt, StringComparison.Ordinal);
        Assert.DoesNotContain("张三", receipt, StringComparison.Ordinal);

        var clerk = await Staff.SignInAsync(Hall, "clerk");
        await Workbench.ActAsync(clerk, code, CaseAction.Accept);
        var notice = await DocumentAsync(zhangsan, code, "受理通知书");
        // Kept for review by eye (artifacts/documents).
        await File.WriteAllBytesAsync(Path.Combine(HallFactory.ArtifactsFolder("documents"), $"acceptance-notice-{Hall.Database}.pdf"), notice, Cancel);
        var lines = PdfReading.StraightLines(notice).ToList();
        Assert.Contains("张三：", lines);
        var number = Assert.Single(lines, l => AcceptanceNumber().IsMatch(l));
        Assert.Equal(ChinaDate.Today(TimeProvider.System).Year.ToString(CultureInfo.InvariantCulture), AcceptanceNumber().Match(number).Groups[1].Value);
        // The bureau at the head and in the closing, over the date; its seal round its name.
        Assert.Equal(2, lines.Count(l => l == "上海市闵行区教育局"));
        Assert.Equal(lines.IndexOf("上海市闵行区教育局", lines.IndexOf("上海市闵行区教育局") + 1) + 1, lines.IndexOf(Today));
        var seal = PdfReading.RedText(notice);
        Assert.Equal("上海市闵行区教育局", seal.Text);
        Assert.Equal(8, seal.Turned);
        Assert.Contains("本文书加盖电子印章", PdfReading.Text(notice), StringComparison.Ordinal);

        // Two codes: the case's public query, and the letter's signed token.
        var codes = PdfReading.ScanQrCodes(notice);
        Assert.Equal(2, codes.Count);
        Assert.Contains(codes, c => c.Contains($"/query?code={code}", StringComparison.Ordinal));
        var verifyUrl = new Uri(Assert.Single(codes, c => c.Contains("/certificates/verify?t=", StringComparison.Ordinal)));
        var token = Uri.UnescapeDataString(verifyUrl.Query["?t=".Length..]);
        var verified = await Client.GetFromJsonAsync<JsonElement>($"/api/v1/certificates/verify?t={Uri.EscapeDataString(token)}", Cancel);
        Assert.Equal("valid", verified.GetProperty("status").GetString());
        Assert.Equal(AcceptanceNumber().Match(number).Value, verified.GetProperty("number").GetString());
        Assert.Equal("张三", verified.GetProperty("holder").GetString());
        var page = await Html.GetAsync(Client, verifyUrl.PathAndQuery);
        Assert.Contains(AcceptanceNumber().Match(number).Value, page.QuerySelector("#document")!.TextContent, StringComparison.Ordinal);

        // A token altered by one character is refused.
        var altered = token[..^3] + (token[^3] == 'A' ? 'B' : 'A') + token[^2..];
        var refused = await Client.GetFromJsonAsync<JsonElement>($"/api/v1/certificates/verify?t={Uri.EscapeDataString(altered)}", Cancel);
        Assert.Equal("invalid", refused.GetProperty("status").GetString());

        // The decision names what was granted, and has a number of its own kind.
        var reviewer = await Staff.SignInAsync(Hall, "reviewer");
        await Workbench.ActAsync(reviewer, code, CaseAction.Review, new() { ["reason"] = "材料齐全。" });
        var approver = await Staff.SignInAsync(Hall, "approver");
        await Workbench.ActAsync(approver, code, CaseAction.Decide, new() { ["decision"] = "Granted", ["reason"] = "同意认定。" });
        var decision = PdfReading.Text(await DocumentAsync(zhangsan, code, "准予行政许可决定书"));
        Assert.Matches(@"闵教许准〔\d{4}〕\d+号", decision);
        Assert.Contains("准予事项", decision, StringComparison.Ordinal);
        Assert.Contains("小学教师资格；颁发《教师资格证书》", decision, StringComparison.Ordinal);
        Assert.Contains("张三：", decision, StringComparison.Ordinal);

        // The certificate carries what the real one carries, filled from the situation and the
        // answers, with the applicant's photo; its lines are in the signed payload too.
        var certificate = await DocumentAsync(zhangsan, code, "电子证照");
        await File.WriteAllBytesAsync(Path.Combine(HallFactory.ArtifactsFolder("documents"), $"certificate-{Hall.Database}.pdf"), certificate, Cancel);
        var certificateLines = PdfReading.StraightLines(certificate);
        foreach (var line in new[] { "资格种类小学教师资格", "任教学科小学数学", "性别女", "出生日期1998年5月4日" })
        {
            Assert.Contains(line, certificateLines.Select(l => l.Replace(" ", "", StringComparison.Ordinal)));
        }

        Assert.Contains("持证人照片", PdfReading.Text(certificate), StringComparison.Ordinal);
        Assert.DoesNotContain("照片无法显示", PdfReading.Text(certificate), StringComparison.Ordinal);
        Assert.Equal(2, PdfReading.ImageCount(certificate));
        var certificateToken = Uri.UnescapeDataString(new Uri(PdfReading.ScanQrCode(certificate)!).Query["?t=".Length..]);
        var checkedCertificate = await Client.GetFromJsonAsync<JsonElement>($"/api/v1/certificates/verify?t={Uri.EscapeDataString(certificateToken)}", Cancel);
        Assert.Equal("valid", checkedCertificate.GetProperty("status").GetString());
        var payload = JsonDocument.Parse(Convert.FromBase64String(Base64(certificateToken.Split('.')[1]))).RootElement;
        Assert.Contains(payload.GetProperty("fields").EnumerateArray(), f => f.GetProperty("label").GetString() == "任教学科" && f.GetProperty("value").GetString() == "小学数学");
        Assert.Equal(64, payload.GetProperty("photo").GetString()!.Length);
    }

    private static string Base64(string base64Url)
    {
        var text = base64Url.Replace('-', '+').Replace('_', '/');
        return text.PadRight(text.Length + ((4 - (text.Length % 4)) % 4), '=');
    }

    protected static async Task<byte[]> DocumentAsync(HttpClient person, string code, string title)
    {
        var mine = await Html.GetAsync(person, $"/account/me/cases/{code}");
        var link = mine.QuerySelectorAll("#documents a").Single(a => a.TextContent.Contains(title, StringComparison.Ordinal));
        return await person.GetByteArrayAsync(link.GetAttribute("href"), Cancel);
    }

    // The acceptance numbers of this year, in the documents' own text.
    protected static int SequenceOf(byte[] pdf) =>
        int.Parse(AcceptanceNumber().Match(PdfReading.Text(pdf)).Groups[2].Value, CultureInfo.InvariantCulture);
}

public sealed class DocumentTests_Sqlite(SqliteHall hall) : DocumentTests(hall), IClassFixture<SqliteHall>;

public sealed class DocumentTests_Postgres(PostgresHall hall) : DocumentTests(hall), IClassFixture<PostgresHall>
{
    // Two nodes accept cases at the same moment: the acceptance notices' numbers, read from the
    // PDFs, run on without a gap or a repeat.
    [Fact]
    public async Task DocumentNumbers_StayContinuous_WhenTwoNodesDecideAtOnce()
    {
        await using var second = new SecondNode(Hall);
        await second.InitializeAsync();
        var zhangsan = await Staff.SignInAsync(Hall, "zhangsan");
        var codes = new List<string>();
        for (var i = 0; i < 8; i++)
        {
            codes.Add(await TeacherApplication.SubmitAsync(Hall, zhangsan));
        }

        var nodes = new HallFactory[] { Hall, second };
        var accepted = await Task.WhenAll(codes.Select((code, i) => AcceptAsync(nodes[i % 2], code)));
        Assert.All(accepted, result => Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Message))));

        var sequences = new List<int>();
        foreach (var code in codes)
        {
            sequences.Add(SequenceOf(await DocumentAsync(zhangsan, code, "受理通知书")));
        }

        var all = await Hall.WithDbAsync(db => db.CaseDocuments.Where(d => d.Kind == DocumentKind.AcceptanceNotice).CountAsync(Cancel));
        Assert.Equal(Enumerable.Range(all - codes.Count + 1, codes.Count), sequences.Order());
    }

    private static async Task<Result<Case>> AcceptAsync(HallFactory node, string code)
    {
        await using var scope = node.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HallDbContext>();
        var clerk = await db.Users.SingleAsync(u => u.UserName == "clerk", Cancel);
        var department = await db.Departments.Where(d => d.Id == clerk.DepartmentId).Select(d => d.Name).SingleAsync(Cancel);
        var roles = await db.UserRoles.Where(r => r.UserId == clerk.Id).Join(db.Roles, r => r.RoleId, r => r.Id, (_, role) => role.Name!).ToListAsync(Cancel);
        var revision = await db.Cases.Where(c => c.TrackingCode == code).Select(c => c.Revision).SingleAsync(Cancel);
        return await scope.ServiceProvider.GetRequiredService<HandleCase>().RunAsync(
            code, CaseActor.Staff(clerk.DisplayName, clerk.Id, roles, department), new AcceptCase(revision), "http://localhost", Cancel);
    }

    private sealed class SecondNode : HallFactory
    {
        public SecondNode(HallFactory first) : base(TestDatabase.Postgres) => Join(first);
    }
}
