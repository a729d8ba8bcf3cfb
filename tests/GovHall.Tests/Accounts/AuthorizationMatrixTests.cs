using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GovHall.Tests.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GovHall.Tests.Accounts;

// Every endpoint and page the app has, taken from its own endpoint data source, against every
// kind of user. An endpoint missing from the rules below fails the test: a new page or API
// must say who may use it.
public abstract class AuthorizationMatrixTests(HallFactory hall) : HallTest(hall)
{
    // Flow: open to all, but by design it answers with a refusal (the "access denied" page is
    // a 403; the second-factor step sends anyone without a pending sign-in back to sign in).
    // For these the rule is that every kind of user gets the same answer.
    // SchoolMember: the demo school's own page, for its administrator 李四 only.
    // Partner: OAuth client credentials only (checked in PartnerClientTests); not a page.
    // Owner: 张三's own draft and case (anyone else gets 404).
    // Handling: the staff who handle cases (window, review, approval, supervision).
    // Revoke: approvers, who may revoke a certificate.
    private enum Access { Everyone, Flow, SignedIn, SchoolMember, Owner, Catalog, System, Partner, Handling, Revoke, Window }

    private static readonly Dictionary<string, Access> Rules = new(StringComparer.Ordinal)
    {
        [""] = Access.Everyone,
        ["Index"] = Access.Everyone,
        ["items"] = Access.Everyone,
        ["items/{code}"] = Access.Everyone,
        ["items/{code}/print"] = Access.Everyone,
        ["items/{code}/history"] = Access.Everyone,
        ["items/{code}/versions/{version:int}"] = Access.Everyone,
        ["items/{code}/compare"] = Access.Everyone,
        ["preferences/elder"] = Access.Everyone,
        ["account/signin"] = Access.Everyone,
        ["account/signin/two-factor"] = Access.Flow,
        ["account/signout"] = Access.Everyone,
        ["account/denied"] = Access.Flow,
        ["account/register"] = Access.Everyone,
        ["account/register/confirm"] = Access.Everyone,
        ["account/reset"] = Access.Everyone,
        ["account/reset/confirm"] = Access.Everyone,
        ["account/unlock"] = Access.Everyone,
        ["account/external"] = Access.Flow,
        ["dev/mailbox"] = Access.Everyone,
        ["files/{sha256}/{fileName}"] = Access.Everyone,
        ["health/live"] = Access.Everyone,
        ["health/ready"] = Access.Everyone,
        ["openapi/{documentName}.json"] = Access.Everyone,
        ["api/v1/items"] = Access.Everyone,
        ["api/v1/items/{itemCode}"] = Access.Everyone,
        ["api/v1/items/{itemCode}/versions"] = Access.Everyone,
        ["api/v1/calendar/deadline"] = Access.Everyone,
        ["connect/token"] = Access.Partner,
        ["query"] = Access.Everyone,
        ["query/unlock"] = Access.Everyone,
        ["api/v1/cases/status"] = Access.Everyone,
        ["api/v1/cases"] = Access.Partner,
        ["api/v1/cases/{code}/receipt.pdf"] = Access.Partner,
        ["apply/{code}"] = Access.SignedIn,
        ["apply/drafts/{id:guid}/form"] = Access.Owner,
        ["apply/drafts/{id:guid}/materials"] = Access.Owner,
        ["apply/drafts/{id:guid}/check"] = Access.Owner,
        ["account/me/cases"] = Access.SignedIn,
        ["account/me/cases/{code}"] = Access.Owner,
        ["account/me/cases/{code}/receipt.pdf"] = Access.Owner,
        ["account/me"] = Access.SignedIn,
        ["account/me/two-factor"] = Access.SignedIn,
        ["account/me/password"] = Access.SignedIn,
        ["account/me/organizations"] = Access.SignedIn,
        ["account/me/organizations/{id:guid}"] = Access.SchoolMember,
        ["admin"] = Access.Catalog,
        ["admin/items/new"] = Access.Catalog,
        ["admin/items/{code}"] = Access.Catalog,
        ["admin/items/{code}/edit"] = Access.Catalog,
        ["admin/items/{code}/preview"] = Access.Catalog,
        ["admin/items/{code}/form"] = Access.Catalog,
        ["admin/import"] = Access.Catalog,
        ["admin/export"] = Access.Catalog,
        ["admin/files/{sha256}/{fileName}"] = Access.Catalog,
        ["system"] = Access.System,
        ["system/staff/new"] = Access.System,
        ["system/staff/{id:guid}"] = Access.System,
        ["system/departments"] = Access.System,
        ["system/audit"] = Access.System,
        ["system/calendar"] = Access.System,
        ["account/me/cases/{code}/documents/{id:guid}"] = Access.Owner,
        ["staff"] = Access.Handling,
        ["staff/certificates"] = Access.Revoke,
        ["staff/cases/{code}"] = Access.Handling,
        ["staff/cases/{code}/files/{id:guid}"] = Access.Handling,
        ["staff/cases/{code}/documents/{id:guid}"] = Access.Handling,
        ["certificates/verify"] = Access.Everyone,
        ["certificates/offline"] = Access.Everyone,
        ["api/v1/certificates/verify"] = Access.Everyone,
        ["api/v1/certificates/keys"] = Access.Everyone,
        ["api/v1/sms/receipts"] = Access.Partner,
        ["account/me/inbox/{id:guid?}"] = Access.SignedIn,
        ["account/me/notifications"] = Access.SignedIn,
        ["system/notifications"] = Access.System,
        ["system/templates"] = Access.System,
        ["system/institutions"] = Access.System,
        ["account/me/data-access"] = Access.SignedIn,
        ["staff/organizations/{id:guid?}"] = Access.Window,
        ["staff/organizations/{organization:guid}/files/{id:guid}"] = Access.Window,
    };

    private static readonly string[] Actors = ["anonymous", "zhangsan", "lisi", "clerk", "reviewer", "approver", "supervisor", "catalog", "admin"];

    private static bool Allowed(Access access, string actor) => access switch
    {
        Access.Everyone or Access.Flow => true,
        Access.SignedIn => actor != "anonymous",
        Access.SchoolMember => actor == "lisi",
        Access.Owner => actor == "zhangsan",
        Access.Catalog => actor == "catalog",
        Access.System => actor == "admin",
        Access.Handling => actor is "clerk" or "reviewer" or "approver" or "supervisor",
        Access.Revoke => actor == "approver",
        Access.Window => actor == "clerk",
        Access.Partner => false,
    };

    [Fact]
    public async Task EveryEndpoint_AnswersEachKindOfUserAsItsRuleSays()
    {
        var endpoints = Hall.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => (Pattern: (e.RoutePattern.RawText ?? "").Trim('/'), Methods: e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods))
            .Where(e => e.Methods is null || e.Methods.Contains("GET") || e.Methods.Contains("POST"))
            .DistinctBy(e => e.Pattern)
            .ToList();
        var unknown = endpoints.Where(e => !Rules.ContainsKey(e.Pattern)).Select(e => e.Pattern).ToList();
        Assert.True(unknown.Count == 0, "Endpoints without an authorization rule: " + string.Join(", ", unknown));

        var values = await SampleRouteValuesAsync();
        var clients = new Dictionary<string, HttpClient>();
        foreach (var actor in Actors)
        {
            clients[actor] = actor == "anonymous" ? Hall.CreateBrowserLikeClient() : await Staff.SignInAsync(Hall, actor);
        }

        var mismatches = new List<string>();
        foreach (var (pattern, methods) in endpoints)
        {
            var url = "/" + values.Aggregate(pattern, (p, v) => p.Replace(v.Key, v.Value, StringComparison.Ordinal));
            if (pattern.StartsWith("account/me/organizations/", StringComparison.Ordinal))
            {
                url = $"/account/me/organizations/{values["{school}"]}";
            }
            else if (pattern.StartsWith("apply/drafts/", StringComparison.Ordinal))
            {
                url = "/" + pattern.Replace("{id:guid}", values["{draft}"], StringComparison.Ordinal);
            }
            else if (pattern.StartsWith("account/me/cases/", StringComparison.Ordinal) || pattern.StartsWith("staff/cases/", StringComparison.Ordinal))
            {
                url = "/" + pattern.Replace("{code}", values["{case}"], StringComparison.Ordinal)
                    .Replace("{id:guid}", pattern.Contains("/files/", StringComparison.Ordinal) ? values["{caseFile}"] : values["{document}"], StringComparison.Ordinal);
            }
            else if (pattern == "staff/organizations/{organization:guid}/files/{id:guid}")
            {
                url = $"/staff/organizations/{values["{school}"]}/files/{values["{schoolDocument}"]}";
            }
            else if (pattern == "staff/organizations/{id:guid?}")
            {
                url = "/staff/organizations";
            }
            else if (pattern == "account/me/inbox/{id:guid?}")
            {
                url = "/account/me/inbox";
            }
            else if (pattern == "items/{code}/compare")
            {
                url += "?from=1&to=1";
            }
            else if (pattern == "api/v1/calendar/deadline")
            {
                url += "?from=2026-03-02&workingDays=1";
            }

            var access = Rules[pattern];
            if (access == Access.Partner)
            {
                continue;
            }

            if (access == Access.Flow)
            {
                var answers = new HashSet<string>(StringComparer.Ordinal);
                foreach (var actor in Actors)
                {
                    var response = await clients[actor].GetAsync(url, Cancel);
                    answers.Add($"{(int)response.StatusCode} {response.Headers.Location}");
                }

                if (answers.Count != 1)
                {
                    mismatches.Add($"GET {url} answers differently by user: {string.Join(" / ", answers)}");
                }

                continue;
            }

            foreach (var actor in Actors)
            {
                var expected = Allowed(access, actor);
                var get = await clients[actor].GetAsync(url, Cancel);
                if (Denied(get) == expected)
                {
                    mismatches.Add($"GET {url} as {actor}: {(int)get.StatusCode} {get.Headers.Location}");
                }

                // Posting without a token: a user refused by policy is stopped before the
                // anti-forgery check. (Membership of one organisation is checked inside the
                // handlers, after it; OrganizationTests posts as a non-administrator for that.)
                if (access is Access.SignedIn or Access.Catalog or Access.System or Access.Handling or Access.Revoke && methods is null)
                {
                    var post = await clients[actor].PostAsync(url, new FormUrlEncodedContent([]), Cancel);
                    if (Denied(post) == expected)
                    {
                        mismatches.Add($"POST {url} as {actor}: {(int)post.StatusCode} {post.Headers.Location}");
                    }
                }
            }
        }

        Assert.True(mismatches.Count == 0, string.Join("\n", mismatches));
    }

    private static bool Denied(HttpResponseMessage response) =>
        response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden or HttpStatusCode.NotFound
        || (response.StatusCode == HttpStatusCode.Redirect
            && response.Headers.Location?.OriginalString is { } location
            && (location.StartsWith("/account/signin", StringComparison.Ordinal) || location.StartsWith("/account/denied", StringComparison.Ordinal)
                || location.Contains("/account/signin?", StringComparison.Ordinal) || location.Contains("/account/denied?", StringComparison.Ordinal)));

    private async Task<Dictionary<string, string>> SampleRouteValuesAsync()
    {
        var list = await Client.GetFromJsonAsync<JsonElement>("/api/v1/items?pageSize=1", Cancel);
        var code = list.GetProperty("items")[0].GetProperty("code").GetString()!;
        var item = await Client.GetFromJsonAsync<JsonElement>($"/api/v1/items/{code}", Cancel);
        var file = await Hall.WithDbAsync(db => db.StoredFiles.Select(f => f.Sha256).FirstAsync(Cancel));
        var staffId = await Hall.WithDbAsync(db => db.Users.Where(u => u.UserName == "clerk").Select(u => u.Id).SingleAsync(Cancel));
        var school = await Hall.WithDbAsync(db => db.Organizations.Where(o => o.CreditCode == "52310112MJ4782133B").Select(o => o.Id).SingleAsync(Cancel));
        var schoolDocument = Guid.CreateVersion7();
        await Hall.WithDbAsync(async db =>
        {
            var stored = await db.StoredFiles.FirstAsync(Cancel);
            db.OrganizationDocuments.Add(new GovHall.Core.Accounts.OrganizationDocument
            {
                Id = schoolDocument, OrganizationId = school, Kind = GovHall.Core.Accounts.OrganizationDocumentKind.Licence, FileName = "办学许可证.pdf",
                Sha256 = stored.Sha256, ContentType = stored.ContentType, Length = stored.Length, UploadedAt = DateTime.UnixEpoch,
            });
            return await db.SaveChangesAsync(Cancel);
        });
        Assert.True(item.GetProperty("version").GetInt32() >= 1);

        // A draft, so that the admin preview of the sample item exists.
        await using (var scope = Hall.Services.CreateAsyncScope())
        {
            var saveDraft = scope.ServiceProvider.GetRequiredService<GovHall.Core.Catalog.SaveDraft>();
            var db = scope.ServiceProvider.GetRequiredService<GovHall.Core.HallDbContext>();
            var current = (await GovHall.Core.Catalog.ItemQueries.CurrentAsync(db, code, Cancel)).Value!;
            Assert.True((await saveDraft.RunAsync(current.Content, current.Item.Revision, "test", Cancel)).Succeeded);
        }

        // 张三's draft and case, made through the pages and the use cases.
        var zhangsan = await Staff.SignInAsync(Hall, "zhangsan");
        var teacher = await Hall.WithDbAsync(db => db.ServiceItems.Where(i => i.Name == Demo.TeacherQualification).Select(i => i.Code).SingleAsync(Cancel));
        var formUrl = await OnlineApplication.StartAsync(zhangsan, teacher, "小学教师资格");
        var draft = Guid.Parse(formUrl.Split('/')[3]);
        string trackingCode;
        await using (var scope = Hall.Services.CreateAsyncScope())
        {
            var startDraft = scope.ServiceProvider.GetRequiredService<GovHall.Core.Cases.StartDraft>();
            var accountId = await Hall.WithDbAsync(db => db.Users.Where(u => u.UserName == "zhangsan").Select(u => u.Id).SingleAsync(Cancel));
            var other = (await startDraft.RunAsync(accountId, teacher, "小学教师资格", null, Cancel)).Value!;
            var form = await Html.GetAsync(zhangsan, $"/apply/drafts/{other.Id}/form");
            Assert.Equal(HttpStatusCode.Redirect, (await Html.SubmitAsync(zhangsan, form, "main form", TeacherApplication.Answers(), "next", "continue")).StatusCode);
            var materials = $"/apply/drafts/{other.Id}/materials";
            await TeacherApplication.UploadMaterialsAsync(zhangsan, materials);
            await using var submitScope = Hall.Services.CreateAsyncScope();
            var submitted = await submitScope.ServiceProvider.GetRequiredService<GovHall.Core.Cases.SubmitDraft>()
                .RunAsync(other.Id, accountId, declared: true, Cancel);
            Assert.True(submitted.Succeeded, string.Join(" ", submitted.Errors.Select(e => e.Message)));
            trackingCode = submitted.Value!.Case.TrackingCode;
        }

        // The window accepts it, so it has a notice (a document) for the document routes.
        string caseFile, document;
        await using (var scope = Hall.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<GovHall.Core.HallDbContext>();
            var clerk = await db.Users.Where(u => u.UserName == "clerk").Select(u => u.Id).SingleAsync(Cancel);
            var actor = GovHall.Core.Cases.CaseActor.Staff("王窗口", clerk, [GovHall.Core.Accounts.Roles.WindowClerk], "行政审批科");
            var accepted = await scope.ServiceProvider.GetRequiredService<GovHall.Core.Cases.HandleCase>().RunAsync(
                trackingCode, actor, new GovHall.Core.Cases.AcceptCase(0), "http://localhost", Cancel);
            Assert.True(accepted.Succeeded, string.Join(" ", accepted.Errors.Select(e => e.Message)));
            var caseId = accepted.Value!.Id;
            caseFile = (await db.CaseFiles.Where(f => f.CaseId == caseId).Select(f => f.Id).FirstAsync(Cancel)).ToString();
            document = (await db.CaseDocuments.Where(d => d.CaseId == caseId).Select(d => d.Id).FirstAsync(Cancel)).ToString();
        }

        return new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["{code}"] = code,
            ["{itemCode}"] = code,
            ["{version:int}"] = "1",
            ["{sha256}"] = file,
            ["{fileName}"] = "file.docx",
            ["{id:guid}"] = staffId.ToString(),
            ["{documentName}"] = "v1",
            ["{school}"] = school.ToString(),
            ["{schoolDocument}"] = schoolDocument.ToString(),
            ["{draft}"] = draft.ToString(),
            ["{case}"] = trackingCode,
            ["{caseFile}"] = caseFile,
            ["{document}"] = document,
        };
    }
}

public sealed class AuthorizationMatrixTests_Sqlite(SqliteHall hall) : AuthorizationMatrixTests(hall), IClassFixture<SqliteHall>;

public sealed class AuthorizationMatrixTests_Postgres(PostgresHall hall) : AuthorizationMatrixTests(hall), IClassFixture<PostgresHall>;
