using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;

namespace GovHall.Tests.Infrastructure;

// A partner system on the case API: its access token, its 受理教师申诉 for a person, and the
// submission (POST /api/v1/cases).
public static class PartnerApi
{
    public const string AppealItem = "受理教师申诉";

    // The made-up person of a partner's appeal: an ID number and a phone nobody has.
    public const string AppealPerson = "11010519491231002X";
    public const string AppealPhone = "13900000009";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public static Task<string> TokenAsync(HttpClient client, string scope) => TokenAsync(client, scope, "district-hall-demo", "demo-secret");

    public static async Task<string> TokenAsync(HttpClient client, string scope, string clientId, string secret)
    {
        var response = await client.PostAsync("/connect/token", new FormUrlEncodedContent(
        [
            new("grant_type", "client_credentials"), new("client_id", clientId), new("client_secret", secret), new("scope", scope),
        ]));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("access_token").GetString()!;
    }

    // The same for a demo person with an account (zhangsan, lisi): the case is theirs in 我的办件.
    public static async Task<JsonObject> AppealForAsync(HallFactory hall, string userName, string facts)
    {
        var (_, name, idNumber, phone) = GovHall.Web.Hosting.Data.DemoData.PersonAccounts.Single(a => a.UserName == userName);
        PersonalValues.Remember(idNumber);
        PersonalValues.Remember(phone);
        var body = await AppealAsync(hall, facts);
        body["applicant"] = new JsonObject { ["type"] = "Person", ["name"] = name, ["idNumber"] = idNumber, ["phone"] = phone };
        var answers = body["answers"]!.AsObject();
        (answers["name"], answers["idNumber"], answers["phone"]) = (name, idNumber, phone);
        return body;
    }

    // A partner's 受理教师申诉 for a person with a made-up ID number and phone.
    public static async Task<JsonObject> AppealAsync(HallFactory hall, string facts)
    {
        var code = await hall.WithDbAsync(db => db.ServiceItems.Where(i => i.Name == AppealItem).Select(i => i.Code).SingleAsync(Cancel));
        PersonalValues.Remember(AppealPerson);
        PersonalValues.Remember(AppealPhone);
        return new JsonObject
        {
            ["itemCode"] = code,
            ["applicant"] = new JsonObject { ["type"] = "Person", ["name"] = "王五", ["idNumber"] = AppealPerson, ["phone"] = AppealPhone },
            ["answers"] = new JsonObject
            {
                ["name"] = "王五", ["idNumber"] = AppealPerson, ["phone"] = AppealPhone, ["school"] = "闵行区示例小学",
                ["decisionDate"] = "2026-10-09", ["request"] = "撤销处分决定", ["facts"] = facts,
            },
            ["files"] = new JsonArray
            {
                new JsonObject { ["material"] = "教师申诉书", ["fileName"] = "申诉书.pdf", ["contentBase64"] = Convert.ToBase64String(SampleFiles.Pdf) },
                new JsonObject
                {
                    ["material"] = "学校或者其他教育机构作出的处理决定或者相关书面材料", ["fileName"] = "处理决定.png", ["contentBase64"] = Convert.ToBase64String(SampleFiles.Png),
                },
            },
        };
    }

    public static async Task<HttpResponseMessage> SubmitAsync(HttpClient client, JsonObject body, string? key, string? token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/cases") { Content = JsonContent.Create(body) };
        if (key is not null)
        {
            request.Headers.Add("Idempotency-Key", key);
        }

        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return await client.SendAsync(request, Cancel);
    }
}
