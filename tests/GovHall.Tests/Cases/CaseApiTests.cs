using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using GovHall.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GovHall.Tests.Cases;

// Partner submission (POST /api/v1/cases) and the one-code query (GET /api/v1/cases/status).
public abstract partial class CaseApiTests(HallFactory hall) : HallTest(hall)
{
    // The API's JSON: web defaults, enums by name.
    private static readonly JsonSerializerOptions ApiJson = new(JsonSerializerOptions.Web) { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };

    private Task<JsonObject> AppealAsync(string facts = "学校未经调查即作出处分。") => PartnerApi.AppealAsync(Hall, facts);

    private Task<HttpResponseMessage> SubmitAsync(JsonObject body, string? key, string? token) => PartnerApi.SubmitAsync(Client, body, key, token);

    private Task<int> CaseCountAsync() => Hall.WithDbAsync(db => db.Cases.CountAsync(Cancel));

    // A partner whose connection drops while the case is being written (a time-out, a closed
    // socket) cancels the request; the write goes on, so the retry with the same key finds it.
    [Fact]
    public async Task Partner_WhoLeavesDuringTheWrite_StillHasTheCase()
    {
        var request = (await AppealAsync("写入时合作方断开连接。")).Deserialize<GovHall.Core.Cases.PartnerCaseRequest>(ApiJson)!;
        await using var scope = Hall.Services.CreateAsyncScope();
        using var leaving = CancellationTokenSource.CreateLinkedTokenSource(Cancel);
        scope.ServiceProvider.GetRequiredService<GovHall.Core.HallDbContext>().SavingChanges += (_, _) => leaving.Cancel();
        var key = $"leaving-{Guid.NewGuid():N}";

        var result = await scope.ServiceProvider.GetRequiredService<GovHall.Core.Cases.PartnerApplication>()
            .RunAsync(request, "district-hall-demo", "闵行区政务服务中心", [key], leaving.Token);

        Assert.True(leaving.IsCancellationRequested);
        Assert.True(result.Succeeded, string.Join(" ", result.Errors.Select(e => e.Message)));
        var made = result.Value!.Case;
        Assert.Equal(1, await Hall.WithDbAsync(db => db.Cases.CountAsync(c => c.TrackingCode == made.TrackingCode, Cancel)));
        Assert.Equal(1, await Hall.WithDbAsync(db => db.CaseEvents.CountAsync(e => e.CaseId == made.Id, Cancel)));
    }

    [Fact]
    public async Task Partner_SubmitsOnce_PerIdempotencyKey_AndGetsTheReceipt()
    {
        // The scope the issue names for submitting is all it takes, the receipt included.
        var token = await PartnerApi.TokenAsync(Client, "cases.submit");
        var body = await AppealAsync();
        var key = Guid.NewGuid().ToString();
        var first = await SubmitAsync(body, key, token);
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var made = await first.Content.ReadFromJsonAsync<JsonElement>(Cancel);
        var trackingCode = made.GetProperty("trackingCode").GetString()!;

        // A retry after a time-out: the same case, marked as a replay.
        var retry = await SubmitAsync(body, key, token);
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.Equal("true", retry.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(trackingCode, (await retry.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("trackingCode").GetString());
        Assert.Equal(1, await Hall.WithDbAsync(db => db.Cases.CountAsync(c => c.TrackingCode == trackingCode, Cancel)));

        // The same key with other content is refused.
        var before = await CaseCountAsync();
        var reused = await SubmitAsync(await AppealAsync("另一份申诉。"), key, token);
        Assert.Equal(HttpStatusCode.Conflict, reused.StatusCode);
        Assert.Equal("idempotency.mismatch", (await reused.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("code").GetString());
        Assert.Equal(before, await CaseCountAsync());

        using var receiptRequest = new HttpRequestMessage(HttpMethod.Get, made.GetProperty("receiptUrl").GetString());
        receiptRequest.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var receipt = await Client.SendAsync(receiptRequest, Cancel);
        Assert.Equal(HttpStatusCode.OK, receipt.StatusCode);
        var text = PdfReading.Text(await receipt.Content.ReadAsByteArrayAsync(Cancel));
        Assert.Contains("王*", text, StringComparison.Ordinal);
        Assert.Contains("处理决定.png", text, StringComparison.Ordinal);

        // A client that only fetches receipts may; a token with neither scope may not.
        Assert.Equal(HttpStatusCode.OK, await ReceiptStatusAsync(made, await PartnerApi.TokenAsync(Client, "cases.read")));
        Assert.Equal(HttpStatusCode.Forbidden, await ReceiptStatusAsync(made, await PartnerApi.TokenAsync(Client, "")));
    }

    // A partner sees only the receipts of its own cases; a removed partner's id, which its
    // cases and keys still carry, is not given to another system.
    [Fact]
    public async Task Partner_GetsOnlyItsOwnReceipts_AndARemovedPartnersIdIsNotReused()
    {
        const string secret = "a-secret-of-another-partner-system-01";
        var other = "other-" + Guid.NewGuid().ToString("N")[..8];
        Assert.Null(await GovHall.Web.Hosting.Security.PartnerClients.RegisterAsync(Hall.Services, other, "另一个系统", ["cases.submit", "cases.read"], secret, Cancel));
        var made = await (await SubmitAsync(await AppealAsync(), Guid.NewGuid().ToString(), await PartnerApi.TokenAsync(Client, "cases.submit"))).Content.ReadFromJsonAsync<JsonElement>(Cancel);
        var othersToken = await PartnerApi.TokenAsync(Client, "cases.submit cases.read", other, secret);
        using (var request = new HttpRequestMessage(HttpMethod.Get, made.GetProperty("receiptUrl").GetString()))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", othersToken);
            var refused = await Client.SendAsync(request, Cancel);
            Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
            var problem = await refused.Content.ReadFromJsonAsync<JsonElement>(Cancel);
            Assert.Equal("case.not_found", problem.GetProperty("code").GetString());
            Assert.DoesNotContain("手机号", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        var own = await SubmitAsync(await AppealAsync("另一个系统提交的申诉。"), Guid.NewGuid().ToString(), othersToken);
        Assert.Equal(HttpStatusCode.Created, own.StatusCode);
        Assert.Equal(HttpStatusCode.OK, await ReceiptStatusAsync(await own.Content.ReadFromJsonAsync<JsonElement>(Cancel), othersToken));

        Assert.Null(await GovHall.Web.Hosting.Security.PartnerClients.RemoveAsync(Hall.Services, other, Cancel));
        var reused = await GovHall.Web.Hosting.Security.PartnerClients.RegisterAsync(Hall.Services, other, "新系统", ["cases.submit"], secret, Cancel);
        Assert.Contains("has cases", reused, StringComparison.Ordinal);
        Assert.NotEqual(HttpStatusCode.OK, (await Client.PostAsync("/connect/token", new FormUrlEncodedContent(
            [new("grant_type", "client_credentials"), new("client_id", other), new("client_secret", secret), new("scope", "cases.submit")]), Cancel)).StatusCode);
    }

    private async Task<HttpStatusCode> ReceiptStatusAsync(JsonElement made, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, made.GetProperty("receiptUrl").GetString());
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return (await Client.SendAsync(request, Cancel)).StatusCode;
    }

    // A file the district hall gave for a person it identified is that person's to use again,
    // like one they uploaded themselves: the partner's submission records it in the file store.
    [Fact]
    public async Task Partner_FileGivenForAPerson_CanBeUsedAgain_ByThatPerson()
    {
        var body = await PartnerApi.AppealForAsync(Hall, "zhangsan", "由区政务服务中心代为提交。");
        byte[] unique = [.. SampleFiles.Pdf, .. "%partner "u8.ToArray(), .. Guid.NewGuid().ToByteArray()];
        body["files"]![0]!["fileName"] = "区中心转来的申诉书.pdf";
        body["files"]![0]!["contentBase64"] = Convert.ToBase64String(unique);
        var submitted = await SubmitAsync(body, Guid.NewGuid().ToString(), await PartnerApi.TokenAsync(Client, "cases.submit"));
        Assert.True(submitted.StatusCode == HttpStatusCode.Created, await submitted.Content.ReadAsStringAsync(Cancel));
        var trackingCode = (await submitted.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("trackingCode").GetString();
        var sha256 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(unique));
        var (made, stored) = await Hall.WithDbAsync(async db => (
            await db.Cases.SingleAsync(c => c.TrackingCode == trackingCode, Cancel),
            await db.StoredFiles.SingleAsync(f => f.Sha256 == sha256, Cancel)));
        Assert.Equal((unique.LongLength, "application/pdf", made.SubmittedAt), (stored.Length, stored.ContentType, stored.CreatedAt));

        var zhangsan = await Staff.SignInAsync(Hall, "zhangsan");
        var teacher = await Hall.WithDbAsync(db => db.ServiceItems.Where(i => i.Name == Demo.TeacherQualification).Select(i => i.Code).SingleAsync(Cancel));
        var materials = (await OnlineApplication.StartAsync(zhangsan, teacher, "初级中学教师资格")).Replace("/form", "/materials", StringComparison.Ordinal);
        var page = await Html.GetAsync(zhangsan, materials);
        var reuse = page.QuerySelectorAll("form[action*='handler=Reuse']")
            .Single(f => f.QuerySelector("input[name=material]")!.GetAttribute("value") == TeacherApplication.HealthCheck);
        var option = reuse.QuerySelectorAll("option").Single(o => o.TextContent.StartsWith("区中心转来的申诉书.pdf（", StringComparison.Ordinal));
        reuse.Id = "reuse-target";
        var response = await Html.SubmitAsync(zhangsan, page, "#reuse-target", new Dictionary<string, string> { ["sha256"] = option.GetAttribute("value")! });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("区中心转来的申诉书.pdf", (await Html.GetAsync(zhangsan, materials)).QuerySelector("ul.files")!.TextContent, StringComparison.Ordinal);
    }

    // The enrolment peak in small: many submissions at once, and a retry storm of one key
    // among them. Each distinct key makes one case with its own number and code; on SQLite they
    // take turns for the write lock (WriteTurns), on PostgreSQL they lock rows.
    [Fact]
    public async Task Partner_ManySubmissionsAtOnce_EachKeyMakesOneCase_WithItsOwnNumber()
    {
        var token = await PartnerApi.TokenAsync(Client, "cases.submit");
        var before = await CaseCountAsync();
        var storm = Guid.NewGuid().ToString();
        var stormBody = await AppealAsync("同一幂等键的重试。");
        var distinct = Enumerable.Range(0, 16).Select(async i => await SubmitAsync(await AppealAsync($"第 {i} 份同时提交的申诉。"), Guid.NewGuid().ToString(), token));
        var retries = Enumerable.Range(0, 4).Select(_ => SubmitAsync(stormBody, storm, token));
        var answers = await Task.WhenAll(distinct.Concat(retries));

        Assert.All(answers[..16], a => Assert.Equal(HttpStatusCode.Created, a.StatusCode));
        Assert.All(answers[16..], a => Assert.True(a.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, $"{a.StatusCode}"));
        Assert.Single(answers[16..], a => a.StatusCode == HttpStatusCode.Created);
        var made = await Task.WhenAll(answers.Select(a => a.Content.ReadFromJsonAsync<JsonElement>(Cancel)));
        Assert.Equal(17, made.Select(m => m.GetProperty("trackingCode").GetString()).Distinct().Count());
        Assert.Equal(17, made.Select(m => m.GetProperty("caseNumber").GetString()).Distinct().Count());
        Assert.Equal(before + 17, await CaseCountAsync());

        // The retries that lost the race for the key's unique index were answered with the
        // winner's case: expected, so not logged as an error that would alarm an operator.
        Assert.DoesNotContain(Hall.Logs, line => line.StartsWith("Error Microsoft.EntityFrameworkCore", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Partner_RetryAfterTheItemWentOffline_StillGetsItsCase_ButNewSubmissionsAreRefused()
    {
        var token = await PartnerApi.TokenAsync(Client, "cases.submit");
        var body = await AppealAsync("下线前提交的申诉。");
        var key = Guid.NewGuid().ToString();
        var first = await SubmitAsync(body, key, token);
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var code = body["itemCode"]!.GetValue<string>();
        await using (var scope = Hall.Services.CreateAsyncScope())
        {
            var change = scope.ServiceProvider.GetRequiredService<GovHall.Core.Catalog.ChangeItemState>();
            Assert.True((await change.TakeOfflineAsync(code, "测试：暂停办理", "test", Cancel)).Succeeded);
        }

        try
        {
            var retry = await SubmitAsync(body, key, token);
            Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
            var before = await CaseCountAsync();
            var fresh = await SubmitAsync(body, Guid.NewGuid().ToString(), token);
            Assert.Equal(HttpStatusCode.Gone, fresh.StatusCode);
            Assert.Equal("item.offline", (await fresh.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("code").GetString());
            Assert.Equal(before, await CaseCountAsync());
        }
        finally
        {
            await using var scope = Hall.Services.CreateAsyncScope();
            var change = scope.ServiceProvider.GetRequiredService<GovHall.Core.Catalog.ChangeItemState>();
            await change.BringOnlineAsync(code, "测试：恢复办理", "test", Cancel);
        }
    }

    [Fact]
    public async Task Partner_WithoutTheScope_OrAToken_OrAKey_IsRefused_AndNothingIsStored()
    {
        var body = await AppealAsync();
        var before = await CaseCountAsync();
        var readOnly = await PartnerApi.TokenAsync(Client, "cases.read");
        var withoutScope = await SubmitAsync(body, Guid.NewGuid().ToString(), readOnly);
        Assert.Equal(HttpStatusCode.Forbidden, withoutScope.StatusCode);
        Assert.Equal("auth.scope_missing", (await withoutScope.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("code").GetString());
        var withoutToken = await SubmitAsync(body, Guid.NewGuid().ToString(), null);
        Assert.Equal(HttpStatusCode.Unauthorized, withoutToken.StatusCode);
        Assert.Equal("auth.token_invalid", (await withoutToken.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, (await SubmitAsync(body, Guid.NewGuid().ToString(), "not-a-token")).StatusCode);

        var noKey = await SubmitAsync(body, null, await PartnerApi.TokenAsync(Client, "cases.submit"));
        Assert.Equal(HttpStatusCode.BadRequest, noKey.StatusCode);
        Assert.Equal("idempotency.key_missing", (await noKey.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("code").GetString());

        // Two keys are no key (binding would have joined them into one with a comma).
        using var twoKeys = new HttpRequestMessage(HttpMethod.Post, "/api/v1/cases") { Content = JsonContent.Create(body) };
        twoKeys.Headers.TryAddWithoutValidation("Idempotency-Key", ["key-a", "key-b"]);
        twoKeys.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await PartnerApi.TokenAsync(Client, "cases.submit"));
        var twice = await Client.SendAsync(twoKeys, Cancel);
        Assert.Equal(HttpStatusCode.BadRequest, twice.StatusCode);
        Assert.Equal("idempotency.key_missing", (await twice.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("code").GetString());
        Assert.Equal(before, await CaseCountAsync());
    }

    // An item not applied for online is said alone, not with a "no such material" for every
    // file the partner sent; the applicant's problems are in words for the applicant.
    [Fact]
    public async Task Partner_ForAnItemNotOnline_IsToldThatAlone()
    {
        var body = await AppealAsync();
        body["itemCode"] = await Hall.WithDbAsync(db => db.ServiceItems.Where(i => i.Name == "中小学学籍证明、学历证明开具").Select(i => i.Code).SingleAsync(Cancel));
        var response = await SubmitAsync(body, Guid.NewGuid().ToString(), await PartnerApi.TokenAsync(Client, "cases.submit"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Cancel);
        Assert.Equal("item.not_online", problem.GetProperty("code").GetString());
        Assert.Single(problem.GetProperty("errors").EnumerateArray());

        var badApplicant = await AppealAsync();
        badApplicant["applicant"]!["idNumber"] = "110105194912310021";
        badApplicant["applicant"]!["phone"] = "12345";
        var answer = await SubmitAsync(badApplicant, Guid.NewGuid().ToString(), await PartnerApi.TokenAsync(Client, "cases.submit"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, answer.StatusCode);
        var errors = (await answer.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("errors").EnumerateArray().ToList();
        Assert.Equal(["applicant.idNumber", "applicant.phone"], errors.Select(e => e.GetProperty("field").GetString()).Order(StringComparer.Ordinal).ToArray());
        Assert.All(errors, e => Assert.StartsWith("申请人", e.GetProperty("message").GetString(), StringComparison.Ordinal));
    }

    // 教师资格认定's pledge is signed online: a partner says the applicant signed it on its own
    // pages (declared), or the case is not made; the receipt then lists it as received.
    [Fact]
    public async Task Partner_ForASituationWithAPledge_MustSayItWasSigned()
    {
        var body = await AppealAsync();
        body["itemCode"] = await Hall.WithDbAsync(db => db.ServiceItems.Where(i => i.Name == Demo.TeacherQualification).Select(i => i.Code).SingleAsync(Cancel));
        body["situation"] = "小学教师资格";
        body["answers"] = new JsonObject
        {
            ["name"] = "王五", ["idNumber"] = PartnerApi.AppealPerson, ["phone"] = PartnerApi.AppealPhone, ["gender"] = "男", ["birthDate"] = "1998-05-04",
            ["subject"] = "小学数学", ["education"] = "本科", ["school"] = "上海师范大学", ["graduationDate"] = "2020-06-30",
            ["mandarinLevel"] = "二级甲等", ["employed"] = "否", ["address"] = "上海市闵行区莘庄镇示例路 1 号",
        };
        body["files"] = new JsonArray
        {
            new JsonObject { ["material"] = TeacherApplication.Photo, ["fileName"] = "照片.png", ["contentBase64"] = Convert.ToBase64String(SampleFiles.Png) },
            new JsonObject { ["material"] = TeacherApplication.HealthCheck, ["fileName"] = "体检合格证明.pdf", ["contentBase64"] = Convert.ToBase64String(SampleFiles.Pdf) },
        };
        var token = await PartnerApi.TokenAsync(Client, "cases.submit");
        var before = await CaseCountAsync();

        var unsigned = await SubmitAsync(body, Guid.NewGuid().ToString(), token);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, unsigned.StatusCode);
        var problem = await unsigned.Content.ReadFromJsonAsync<JsonElement>(Cancel);
        Assert.Equal("declaration.missing", problem.GetProperty("code").GetString());
        Assert.Contains(TeacherApplication.Pledge, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(before, await CaseCountAsync());

        body["declared"] = true;
        var signed = await SubmitAsync(body, Guid.NewGuid().ToString(), token);
        Assert.Equal(HttpStatusCode.Created, signed.StatusCode);
        using var receipt = new HttpRequestMessage(HttpMethod.Get, (await signed.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("receiptUrl").GetString());
        receipt.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var text = PdfReading.Text(await (await Client.SendAsync(receipt, Cancel)).Content.ReadAsByteArrayAsync(Cancel));
        Assert.Contains("网上签署承诺", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Query_ByCodeAlone_ShowsNothingPersonal_AndWithThePhoneShowsTheTimeline()
    {
        var token = await PartnerApi.TokenAsync(Client, "cases.submit");
        var made = await (await SubmitAsync(await AppealAsync(), Guid.NewGuid().ToString(), token)).Content.ReadFromJsonAsync<JsonElement>(Cancel);
        var code = made.GetProperty("trackingCode").GetString()!;

        var open = await Client.GetAsync($"/api/v1/cases/status?code={code.ToLowerInvariant()[..4]}-{code[4..8]}-{code[8..]}", Cancel);
        Assert.Equal(HttpStatusCode.OK, open.StatusCode);
        var raw = await open.Content.ReadAsStringAsync(Cancel);
        var status = JsonDocument.Parse(raw).RootElement;
        Assert.Equal(PartnerApi.AppealItem, status.GetProperty("itemName").GetString());
        Assert.Equal("Submitted", status.GetProperty("stage").GetString());
        Assert.Equal(JsonValueKind.Null, status.GetProperty("timeline").ValueKind);
        Assert.Equal(JsonValueKind.Null, status.GetProperty("caseNumber").ValueKind);
        Assert.DoesNotContain("王五", raw, StringComparison.Ordinal);
        Assert.DoesNotContain(PartnerApi.AppealPhone[7..], raw, StringComparison.Ordinal);

        var verified = await Client.GetFromJsonAsync<JsonElement>($"/api/v1/cases/status?code={code}&phoneLast4={PartnerApi.AppealPhone[7..]}", Cancel);
        var timeline = verified.GetProperty("timeline").EnumerateArray().ToList();
        Assert.Equal("Submit", Assert.Single(timeline).GetProperty("action").GetString());
        Assert.StartsWith("提交申请", timeline[0].GetProperty("text").GetString(), StringComparison.Ordinal);

        // A wrong phone and an unknown code answer alike.
        var wrongPhone = await Client.GetAsync($"/api/v1/cases/status?code={code}&phoneLast4=0000", Cancel);
        var unknown = await Client.GetAsync($"/api/v1/cases/status?code={GovHall.Core.Cases.TrackingCode.New().Value}&phoneLast4={PartnerApi.AppealPhone[7..]}", Cancel);
        var garbage = await Client.GetAsync("/api/v1/cases/status?code=NOT-A-CODE", Cancel);
        foreach (var refused in new[] { wrongPhone, unknown, garbage })
        {
            Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
            Assert.True(refused.Headers.CacheControl?.NoStore, "a refusal is not kept by a cache");
        }

        // No cache keeps the answer, nor the address with the phone's digits.
        Assert.True(open.Headers.CacheControl?.NoStore, "the status is not kept by a cache");

        static string WithoutTrace(string json) => string.Join(",", JsonDocument.Parse(json).RootElement.EnumerateObject().Where(p => p.Name != "traceId").Select(p => p.ToString()));
        Assert.Equal(WithoutTrace(await wrongPhone.Content.ReadAsStringAsync(Cancel)), WithoutTrace(await unknown.Content.ReadAsStringAsync(Cancel)));
        Assert.Equal(WithoutTrace(await wrongPhone.Content.ReadAsStringAsync(Cancel)), WithoutTrace(await garbage.Content.ReadAsStringAsync(Cancel)));
        Assert.Equal(HttpStatusCode.BadRequest, (await Client.GetAsync($"/api/v1/cases/status?code={code}&phoneLast4=12", Cancel)).StatusCode);

        // The page says the same in Chinese.
        var page = await Html.GetAsync(Client, $"/query?code={code}");
        Assert.Contains("已提交，等待预审", page.QuerySelector(".result")!.TextContent, StringComparison.Ordinal);
        Assert.Null(page.QuerySelector("ol.timeline"));
        var withPhone = await Html.GetAsync(Client, $"/query?code={code}&phone4={PartnerApi.AppealPhone[7..]}");
        Assert.Contains("提交申请", withPhone.QuerySelector("ol.timeline")!.TextContent, StringComparison.Ordinal);

        // The page's form posts, so the digits stay out of the address and the history; digits
        // typed full-width with a Chinese input method count, on the page and in the API.
        var form = await Html.GetAsync(Client, "/query");
        Assert.Equal("post", form.QuerySelector("main form")!.GetAttribute("method"));
        var fullWidth = string.Concat(PartnerApi.AppealPhone[7..].Select(c => (char)(c + 0xFEE0)));
        var posted = await Html.SubmitAsync(Client, form, "main form", new Dictionary<string, string> { ["code"] = code, ["phone4"] = fullWidth });
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        Assert.Contains("提交申请", (await Html.ParseAsync(posted)).QuerySelector("ol.timeline")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await Client.GetAsync($"/api/v1/cases/status?code={code}&phoneLast4={Uri.EscapeDataString(fullWidth)}", Cancel)).StatusCode);
    }
}

public sealed class CaseApiTests_Sqlite(SqliteHall hall) : CaseApiTests(hall), IClassFixture<SqliteHall>;

public sealed class CaseApiTests_Postgres(PostgresHall hall) : CaseApiTests(hall), IClassFixture<PostgresHall>;
