using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GovHall.Core;
using GovHall.Core.Cases;
using GovHall.Core.Catalog;
using GovHall.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GovHall.Tests.Cases;

// The certificates a decision issues: one for two approvers at once, offline verification with
// openssl, tampering, revocation and expiry, and a certificate attached to a later application.
public abstract partial class HandlingTests
{
    [Fact]
    public async Task TwoApproversGrantingAtOnce_IssueOneCertificate_AndAnUndefinedDecisionIsRefused()
    {
        var zhangsan = await Staff.SignInAsync(Hall, "zhangsan");
        var code = await TeacherApplication.SubmitAsync(Hall, zhangsan);
        await Workbench.ActAsync(await Staff.SignInAsync(Hall, "clerk"), code, CaseAction.Accept);
        await Workbench.ActAsync(await Staff.SignInAsync(Hall, "reviewer"), code, CaseAction.Review, new() { ["reason"] = "符合条件" });
        var first = await Staff.SignInAsync(Hall, "approver");
        var second = await Staff.SignInAsync(Hall, "approver");
        var seenByFirst = await Html.GetAsync(first, $"/staff/cases/{code}");
        var seenBySecond = await Html.GetAsync(second, $"/staff/cases/{code}");

        var undefined = await Html.SubmitAsync(first, seenByFirst, "#action-Decide", new Dictionary<string, string> { ["decision"] = "5" });
        Assert.Equal(HttpStatusCode.BadRequest, undefined.StatusCode);
        Assert.Contains("请选择准予或不予", (await Html.ParseAsync(undefined)).QuerySelector("#problems")!.TextContent, StringComparison.Ordinal);

        var both = await Task.WhenAll(
            Html.SubmitAsync(first, seenByFirst, "#action-Decide", new Dictionary<string, string> { ["decision"] = "Granted" }),
            Html.SubmitAsync(second, seenBySecond, "#action-Decide", new Dictionary<string, string> { ["decision"] = "Granted" }));
        Assert.Equal([HttpStatusCode.Redirect, HttpStatusCode.Conflict], both.Select(r => r.StatusCode).Order());
        var found = await CaseAsync(code);
        Assert.Equal(CaseStage.Decided, found.Stage);
        Assert.Equal(1, await Hall.WithDbAsync(db => db.Certificates.CountAsync(c => c.CaseId == found.Id, Cancel)));
        Assert.Equal(1, await Hall.WithDbAsync(db => db.CaseEvents.CountAsync(e => e.CaseId == found.Id && e.Action == CaseAction.Decide, Cancel)));
        Assert.Equal(2, await Hall.WithDbAsync(db => db.CaseDocuments.CountAsync(d => d.CaseId == found.Id && d.EventSequence == 4, Cancel)));
    }

    [Fact]
    public async Task Certificate_VerifiesWithOpenssl_AndATamperedOneFailsThereAndOnThePage_RevocationAndExpiryShow()
    {
        var zhangsan = await Staff.SignInAsync(Hall, "zhangsan");
        var code = await TeacherApplication.SubmitAsync(Hall, zhangsan);
        var clerk = await Staff.SignInAsync(Hall, "clerk");
        var reviewer = await Staff.SignInAsync(Hall, "reviewer");
        var approver = await Staff.SignInAsync(Hall, "approver");
        await Workbench.ActAsync(clerk, code, CaseAction.Accept);
        await Workbench.ActAsync(reviewer, code, CaseAction.Review, new() { ["reason"] = "符合条件" });
        Assert.Equal(HttpStatusCode.Redirect, (await Workbench.ActAsync(approver, code, CaseAction.Decide, new() { ["decision"] = "Granted" })).Response.StatusCode);
        var certificate = await Hall.WithDbAsync(db => db.Certificates.AsNoTracking().SingleAsync(c => c.CaseNumber == db.Cases.Single(k => k.TrackingCode == code).CaseNumber, Cancel));
        var token = Core.Certificates.CertificateService.TokenOf(certificate);

        var keys = await Client.GetFromJsonAsync<JsonElement>("/api/v1/certificates/keys", Cancel);
        var key = keys.GetProperty("keys").EnumerateArray().Single(k => k.GetProperty("keyId").GetString() == token.KeyId);
        var folder = Directory.CreateTempSubdirectory("govhall-cert-").FullName;
        await File.WriteAllTextAsync(Path.Combine(folder, "key.pem"), key.GetProperty("publicKeyPem").GetString(), Cancel);
        await File.WriteAllBytesAsync(Path.Combine(folder, "payload.json"), token.Payload, Cancel);
        await File.WriteAllBytesAsync(Path.Combine(folder, "signature.der"), token.Signature, Cancel);
        Assert.Equal("Verified OK", Openssl(folder, "payload.json"));

        // One character changed in the holder's name: openssl, the API and the page all say no.
        var tamperedPayload = System.Text.Encoding.UTF8.GetBytes(certificate.Payload.Replace("张三", "张四", StringComparison.Ordinal));
        await File.WriteAllBytesAsync(Path.Combine(folder, "tampered.json"), tamperedPayload, Cancel);
        Assert.Equal("Verification failure", Openssl(folder, "tampered.json"));
        var tampered = new Core.Certificates.CertificateToken(token.KeyId, tamperedPayload, token.Signature).ToString();
        var api = await Client.GetFromJsonAsync<JsonElement>("/api/v1/certificates/verify?t=" + tampered, Cancel);
        Assert.Equal("invalid", api.GetProperty("status").GetString());
        var page = await Html.GetAsync(Client, "/certificates/verify?t=" + tampered);
        Assert.Equal("invalid", page.QuerySelector("#verdict")!.GetAttribute("data-status"));
        Assert.Contains("无效", page.QuerySelector("#verdict")!.TextContent, StringComparison.Ordinal);
        Assert.Null(page.QuerySelector("#certificate"));
        var valid = await Html.GetAsync(Client, "/certificates/verify?t=" + token);
        Assert.Equal("valid", valid.QuerySelector("#verdict")!.GetAttribute("data-status"));

        var malformed = await Client.GetAsync("/api/v1/certificates/verify?t=not-a-token", Cancel);
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Equal("certificate.malformed", (await malformed.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("code").GetString());

        // Revocation needs a reason and is audited; the signature stays good but the answer is "revoked".
        await using (var scope = Hall.Services.CreateAsyncScope())
        {
            var service = scope.ServiceProvider.GetRequiredService<Core.Certificates.CertificateService>();
            Assert.Equal("certificate.reason_required", (await service.RevokeAsync(certificate.Number, " ", await StaffActorAsync("approver"), "行政审批科", Cancel)).Errors[0].Code);
        }

        var revokePage = await Html.GetAsync(approver, $"/staff/certificates?no={certificate.Number}");
        var revoked = await Html.SubmitAsync(approver, revokePage, "#revoke", new Dictionary<string, string> { ["reason"] = "以欺骗手段取得，依法撤销。" });
        Assert.Equal(HttpStatusCode.Redirect, revoked.StatusCode);
        var afterRevoke = await Client.GetFromJsonAsync<JsonElement>("/api/v1/certificates/verify?t=" + token, Cancel);
        Assert.Equal("revoked", afterRevoke.GetProperty("status").GetString());
        Assert.Contains("以欺骗手段取得", afterRevoke.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.True(await Hall.WithDbAsync(db => db.AuditEntries.AnyAsync(e => e.Action == "certificate.revoke" && e.Target == certificate.Number && e.Actor == "approver", Cancel)));

        // A record altered in the database fails its own signature when looked up by number.
        var byNumber = await Html.GetAsync(Client, $"/certificates/verify?no={certificate.Number}");
        Assert.Equal("revoked", byNumber.QuerySelector("#verdict")!.GetAttribute("data-status"));

        // An expired certificate (its validity ended yesterday) answers "expired".
        await Hall.WithDbAsync(db => db.Database.ExecuteSqlAsync(
            $"UPDATE certificates SET \"RevokedAt\" = NULL, \"ValidUntil\" = {ChinaDate.Today(Clocked.Clock).AddDays(-1)} WHERE \"Number\" = {certificate.Number}", Cancel));
        var expired = await Client.GetFromJsonAsync<JsonElement>("/api/v1/certificates/verify?t=" + token, Cancel);
        Assert.Equal("expired", expired.GetProperty("status").GetString());
        await Hall.WithDbAsync(db => db.Database.ExecuteSqlAsync(
            $"UPDATE certificates SET \"Payload\" = {certificate.Payload.Replace("张三", "张四", StringComparison.Ordinal)} WHERE \"Number\" = {certificate.Number}", Cancel));
        var altered = await Html.GetAsync(Client, $"/certificates/verify?no={certificate.Number}");
        Assert.Equal("invalid", altered.QuerySelector("#verdict")!.GetAttribute("data-status"));
    }

    [Fact]
    public async Task CertificateTheHallIssued_IsAttachedToALaterApplication_WithoutUpload()
    {
        // The demo school (李四 is its administrator) holds a school licence the bureau issued
        // earlier, on one of its cases.
        var zhangsan = await Staff.SignInAsync(Hall, "zhangsan");
        var earlier = await CaseAsync(await TeacherApplication.SubmitAsync(Hall, zhangsan));
        var (lisi, school, schoolName) = await Hall.WithDbAsync(async db => (
            await db.Users.Where(u => u.UserName == "lisi").Select(u => u.Id).SingleAsync(Cancel),
            await db.Organizations.Where(o => o.CreditCode == "52310112MJ4782133B").Select(o => o.Id).SingleAsync(Cancel),
            await db.Organizations.Where(o => o.CreditCode == "52310112MJ4782133B").Select(o => o.Name).SingleAsync(Cancel)));
        string number;
        await using (var scope = Hall.Services.CreateAsyncScope())
        {
            var granted = new Case
            {
                Id = earlier.Id, TrackingCode = earlier.TrackingCode, CaseNumber = earlier.CaseNumber, ItemCode = earlier.ItemCode,
                ItemName = "中等及以下学校和其他教育机构设置审批（民办学校正式设立）", Situation = "", Department = earlier.Department,
                ApplicantType = ApplicantType.Organization, ApplicantName = schoolName, CreditCode = "52310112MJ4782133B",
                OrganizationId = school, ContactPhoneProtected = "", AnswersProtected = "", SubmissionKey = "", SubmissionHash = "",
                StatutoryLimit = earlier.StatutoryLimit, PromisedLimit = earlier.PromisedLimit,
            };
            var (certificate, _) = await scope.ServiceProvider.GetRequiredService<Core.Certificates.CertificateService>()
                .IssueAsync(granted, "民办学校办学许可证", null, "http://localhost", null, [], null, Cancel);
            await scope.ServiceProvider.GetRequiredService<HallDbContext>().SaveChangesAsync(Cancel);
            number = certificate.Number;
        }

        // 李四 files the school's admissions brochure: the licence is attached, not asked for.
        var filing = await Hall.WithDbAsync(db => db.ServiceItems.Where(i => i.Name == "民办学校招生简章和广告备案").Select(i => i.Code).SingleAsync(Cancel));
        await using var apply = Hall.Services.CreateAsyncScope();
        var startDraft = apply.ServiceProvider.GetRequiredService<StartDraft>();
        var submitDraft = apply.ServiceProvider.GetRequiredService<SubmitDraft>();
        var draft = (await startDraft.RunAsync(lisi, filing, "", school, Cancel)).Value!;
        var browser = await Staff.SignInAsync(Hall, "lisi");
        var materials = await Html.GetAsync(browser, $"/apply/drafts/{draft.Id}/materials");
        var reused = materials.QuerySelector(".certificate-reused");
        Assert.NotNull(reused);
        Assert.Contains(TrackingCode.Display(number), reused.TextContent, StringComparison.Ordinal);
        foreach (var material in new[] { "招生简章和广告备案表", "招生简章、广告样稿", "收费标准依据" })
        {
            Assert.True((await apply.ServiceProvider.GetRequiredService<DraftMaterials>().AddFileAsync(draft.Id, lisi, material, "材料.pdf", SampleFiles.Pdf, Cancel)).Succeeded);
        }

        var submitted = await submitDraft.RunAsync(draft.Id, lisi, declared: true, Cancel);
        Assert.True(submitted.Succeeded, string.Join(" ", submitted.Errors.Select(e => e.Message)));
        var files = await Hall.WithDbAsync(db => db.CaseFiles.Where(f => f.CaseId == submitted.Value!.Case.Id).ToListAsync(Cancel));
        var licence = Assert.Single(files, f => f.Material == "民办学校办学许可证");
        var issued = await Hall.WithDbAsync(db => db.Certificates.SingleAsync(c => c.Number == number, Cancel));
        Assert.Equal(issued.PdfSha256, licence.Sha256);
        Assert.Contains(TrackingCode.Display(number), licence.FileName, StringComparison.Ordinal);

        // The district hall files the same for the school without the licence: it is attached
        // as on the pages, and a retry of that submission answers with the same case.
        var key = Guid.NewGuid().ToString();
        var fromPartner = await PartnerFilingAsync(filing, schoolName, key);
        Assert.Equal(HttpStatusCode.Created, fromPartner.StatusCode);
        var partnerCode = (await fromPartner.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("trackingCode").GetString();
        var partnerFiles = await Hall.WithDbAsync(db => db.CaseFiles.Where(f => db.Cases.Any(c => c.Id == f.CaseId && c.TrackingCode == partnerCode)).ToListAsync(Cancel));
        Assert.Equal(issued.PdfSha256, Assert.Single(partnerFiles, f => f.Material == "民办学校办学许可证").Sha256);
        var retry = await PartnerFilingAsync(filing, schoolName, key);
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.Equal(partnerCode, (await retry.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("trackingCode").GetString());

        // An agent whose own account is not the school's member gets no licence in their case.
        var byStranger = await PartnerFilingAsync(filing, schoolName, Guid.NewGuid().ToString(), agent: "zhangsan");
        Assert.Equal(HttpStatusCode.Created, byStranger.StatusCode);
        var strangerCode = (await byStranger.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("trackingCode").GetString();
        Assert.False(await Hall.WithDbAsync(db => db.CaseFiles.AnyAsync(f => f.Material == "民办学校办学许可证" && db.Cases.Any(c => c.Id == f.CaseId && c.TrackingCode == strangerCode), Cancel)));

        // Once revoked, it is no longer offered, nor attached.
        await using var again = Hall.Services.CreateAsyncScope();
        Assert.True((await again.ServiceProvider.GetRequiredService<Core.Certificates.CertificateService>().RevokeAsync(number, "测试撤销", await StaffActorAsync("approver"), "行政审批科", Cancel)).Succeeded);
        var second = (await startDraft.RunAsync(lisi, filing, "", school, Cancel)).Value!;
        Assert.Null((await Html.GetAsync(browser, $"/apply/drafts/{second.Id}/materials")).QuerySelector(".certificate-reused"));
        var retried = await PartnerFilingAsync(filing, schoolName, key);
        Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
        Assert.Equal(partnerCode, (await retried.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("trackingCode").GetString());
        var afterRevocation = await PartnerFilingAsync(filing, schoolName, Guid.NewGuid().ToString());
        Assert.Equal(HttpStatusCode.Created, afterRevocation.StatusCode);
        var laterCode = (await afterRevocation.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("trackingCode").GetString();
        Assert.False(await Hall.WithDbAsync(db => db.CaseFiles.AnyAsync(f => f.Material == "民办学校办学许可证" && db.Cases.Any(c => c.Id == f.CaseId && c.TrackingCode == laterCode), Cancel)));
    }
}
