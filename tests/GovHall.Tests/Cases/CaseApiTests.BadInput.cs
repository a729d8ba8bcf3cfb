using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using GovHall.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace GovHall.Tests.Cases;

// What a partner's bad request is told: every problem of an application (the first hundred and
// the count), and a body that cannot be read.
public abstract partial class CaseApiTests
{
    [Theory]
    [InlineData("wrong-type", "form.invalid", "decisionDate")]
    [InlineData("missing-material", "material.missing", "material:教师申诉书")]
    [InlineData("bad-id", "applicant.invalid", "applicant.idNumber")]
    [InlineData("file-lies", "file.type_mismatch", "material:教师申诉书")]
    [InlineData("unknown-answer", "form.invalid", "favouriteColour")]
    [InlineData("not-base64", "file.bad_encoding", "files[0]")]
    [InlineData("null-file", "file.bad_encoding", "files[0]")]
    [InlineData("bidi-name", "file.bad_name", "material:教师申诉书")]
    public async Task Partner_BadApplication_Is422WithEveryProblem_AndNothingIsStored(string fault, string code, string field)
    {
        var body = await AppealAsync();
        switch (fault)
        {
            case "wrong-type":
                body["answers"]!["decisionDate"] = new JsonObject { ["year"] = 2026 };
                break;
            case "missing-material":
                body["files"]!.AsArray().RemoveAt(0);
                break;
            case "bad-id":
                body["applicant"]!["idNumber"] = "110105194912310021";
                break;
            case "file-lies":
                body["files"]![0]!["contentBase64"] = Convert.ToBase64String(SampleFiles.Png);
                break;
            case "unknown-answer":
                body["answers"]!["favouriteColour"] = "蓝";
                break;
            case "not-base64":
                body["files"]![0]!["contentBase64"] = "这不是 base64!";
                break;
            case "null-file":
                body["files"]!.AsArray().Insert(0, null);
                break;
            case "bidi-name":
                body["files"]![0]!["fileName"] = "申诉书\u202Etxt.exe.pdf";
                break;
        }

        var before = await CaseCountAsync();
        var stored = await Hall.WithDbAsync(db => db.StoredFiles.CountAsync(Cancel));
        var response = await SubmitAsync(body, Guid.NewGuid().ToString(), await PartnerApi.TokenAsync(Client, "cases.submit"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Cancel);
        var errors = problem.GetProperty("errors").EnumerateArray().ToList();
        Assert.Contains(errors, e => e.GetProperty("code").GetString() == code && e.GetProperty("field").GetString() == field);
        Assert.All(errors, e => Assert.False(string.IsNullOrWhiteSpace(e.GetProperty("message").GetString())));
        Assert.Equal(before, await CaseCountAsync());
        Assert.Equal(stored, await Hall.WithDbAsync(db => db.StoredFiles.CountAsync(Cancel)));
    }

    // A request of twenty thousand wrong parts is checked whole but answered with the first
    // hundred problems and how many there were, not with a message for each.
    [Fact]
    public async Task Partner_ThousandsOfUnknownAnswers_AreAnsweredWithTheFirstHundredAndTheCount()
    {
        var body = await AppealAsync();
        var answers = body["answers"]!.AsObject();
        for (var i = 0; i < 20_000; i++)
        {
            answers[$"unknown{i}"] = "x";
        }

        var before = await CaseCountAsync();
        var response = await SubmitAsync(body, Guid.NewGuid().ToString(), await PartnerApi.TokenAsync(Client, "cases.submit"));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync(Cancel);
        Assert.True(text.Length < 40_000, $"the answer is {text.Length} characters long");
        var problem = JsonDocument.Parse(text).RootElement;
        Assert.Equal("application.invalid", problem.GetProperty("code").GetString());
        Assert.Equal(100, problem.GetProperty("errors").GetArrayLength());
        Assert.Equal(20_000, problem.GetProperty("errorCount").GetInt32());
        Assert.All(problem.GetProperty("errors").EnumerateArray(), e => Assert.Equal("form.invalid", e.GetProperty("code").GetString()));
        Assert.EndsWith("另有 19900 项问题未列出。", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(before, await CaseCountAsync());
    }

    // A body the API cannot read says what is wrong with it and where, not "请求未能完成".
    [Theory]
    [InlineData("{\"itemCode\": 5}", "application/json", 400, "request.invalid_json", "位置 $.itemCode")]
    [InlineData("{\"itemCode\": \"x\", \"applicant\": {\"type\": \"Robot\"}}", "application/json", 400, "request.invalid_json", "位置 $.applicant.type")]
    [InlineData("{\"itemCode\": \"x\",", "application/json", 400, "request.invalid_json", "第 1 行第 17 个字节")]
    [InlineData("{\"itemCode\": \"x\", \"itemCode\": \"y\"}", "application/json", 400, "request.invalid_json", "位置 $.itemCode")]
    [InlineData("{\"itemCode\": \"x\", \"answers\": {\"school\": \"甲\", \"school\": \"乙\"}}", "application/json", 400, "request.invalid_json", "位置 $.answers")]
    [InlineData("", "application/json", 400, "request.unreadable", "请求体不完整")]
    [InlineData("itemCode=x", "application/x-www-form-urlencoded", 415, "request.unsupported_media_type", "application/json")]
    [InlineData("{\"itemCode\": \"x\"}", null, 415, "request.unsupported_media_type", "application/json")]
    public async Task Partner_UnreadableBody_IsRefused_SayingWhy_AndNothingIsStored(string body, string? mediaType, int status, string code, string said)
    {
        var before = await CaseCountAsync();
        HttpContent content = mediaType is null
            ? new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(body))
            : new StringContent(body, System.Text.Encoding.UTF8, mediaType);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/cases") { Content = content };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await PartnerApi.TokenAsync(Client, "cases.submit"));

        var response = await Client.SendAsync(request, Cancel);

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Cancel);
        Assert.Equal(code, problem.GetProperty("code").GetString());
        Assert.Contains(said, problem.GetProperty("detail").GetString());
        Assert.Equal(before, await CaseCountAsync());
    }
}
