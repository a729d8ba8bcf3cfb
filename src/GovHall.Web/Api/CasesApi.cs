using System.Globalization;
using GovHall.Core;
using GovHall.Core.Cases;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using OpenIddict.Abstractions;

namespace GovHall.Web.Api;

// The one-code query for everyone, partner submission for authorised systems, and receipts.
// (docs/partner-api.md)
public static class CasesApi
{
    public sealed record TimelineEntry(DateTimeOffset At, string Action, string Text, string? Reason);

    public sealed record StatusResponse(
        string TrackingCode, string ItemCode, string ItemName, string Stage, string StageText,
        DateTimeOffset SubmittedAt, DateTimeOffset? AcceptedAt, string? Deadline, bool DeadlineProvisional, DateTimeOffset? ConcludedAt, string PromisedLimit,
        string? CaseNumber, IReadOnlyList<TimelineEntry>? Timeline);

    public sealed record SubmittedResponse(string TrackingCode, string CaseNumber, string Stage, DateTimeOffset SubmittedAt, string StatusUrl, string ReceiptUrl);

    public sealed record FieldProblem(string Code, string? Field, string Message);

    public static IEndpointRouteBuilder MapCasesApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/v1/cases/status", StatusAsync).WithTags("Cases").AllowAnonymous().RequireRateLimiting(RateLimits.CaseQuery)
            .WithName("CaseStatus")
            .WithSummary("The public status of one case by its tracking code; with phoneLast4 (the last four digits of the applicant's phone) also its timeline.")
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        endpoints.MapPost("/api/v1/cases", SubmitAsync).WithTags("Cases").RequireAuthorization(Policies.PartnerSubmit)
            .WithName("SubmitCase")
            .WithSummary("A partner system submits a case for an applicant it has identified. Needs the cases.submit scope and an Idempotency-Key header.")
            .Accepts<PartnerCaseRequest>("application/json")
            .Produces<SubmittedResponse>(StatusCodes.Status201Created)
            .Produces<SubmittedResponse>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status410Gone)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        endpoints.MapGet("/api/v1/cases/{code}/receipt.pdf", PartnerReceiptAsync).WithTags("Cases").RequireAuthorization(Policies.PartnerReceipt)
            .WithName("CaseReceipt").WithSummary("The receipt (材料接收凭证) of a case this partner submitted, as PDF. Needs the cases.submit or the cases.read scope.")
            .Produces<Stream>(StatusCodes.Status200OK, "application/pdf")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return endpoints;
    }

    // Times are stored in UTC; providers may hand them back without a kind.
    private static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));

    private static DateTimeOffset? Utc(DateTime? value) => value is { } known ? Utc(known) : null;

    public static string QueryUrl(HttpRequest request, string trackingCode) =>
        $"{PublicUrls.BaseOf(request)}/query?code={trackingCode}";

    private static async Task<Results<Ok<StatusResponse>, ProblemHttpResult>> StatusAsync(
        string? code, string? phoneLast4, CaseStatusQuery query, VerificationLimit limit, HttpResponse response, CancellationToken cancellationToken)
    {
        // The address carries the code and perhaps the phone's digits, and the answer a case's
        // progress: no cache keeps either.
        response.Headers.CacheControl = "no-store";
        if (string.IsNullOrWhiteSpace(code))
        {
            return Problems.Of(StatusCodes.Status400BadRequest, "query.invalid", "请给出查询码 code。");
        }

        phoneLast4 = CaseStatusQuery.Last4AsTyped(phoneLast4);
        if (!string.IsNullOrEmpty(phoneLast4) && !CaseStatusQuery.IsPhoneLast4(phoneLast4))
        {
            return Problems.Of(StatusCodes.Status400BadRequest, "query.invalid", "phoneLast4 应为手机号码的后四位数字。");
        }

        var found = await query.FindAsync(code, phoneLast4, response.HttpContext.ClientAddressText(), cancellationToken);
        if (!found.Succeeded)
        {
            if (found.Errors[0].Kind == ErrorKind.TooMany)
            {
                response.Headers.RetryAfter = ((int)Math.Ceiling(limit.UntilTomorrow().TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            }

            return Problems.From(found.Errors[0]);
        }

        var status = found.Value!;
        return TypedResults.Ok(new StatusResponse(
            status.TrackingCode, status.ItemCode, status.ItemName, status.Stage.ToString(), CaseStages.Label(status.Stage),
            Utc(status.SubmittedAt), Utc(status.AcceptedAt), status.Deadline?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), status.DeadlineProvisional, Utc(status.ConcludedAt),
            status.PromisedLimit, status.CaseNumber,
            status.Timeline?.Select(e => new TimelineEntry(Utc(e.At), e.Action.ToString(), e.Text, e.Reason)).ToList()));
    }

    // Binds the request, hands it to PartnerApplication (which makes one Submission of it for
    // SubmitApplication) and maps the answer: a case made (201) or replayed (200), a problem with
    // the request (its own status), or the application's problems together (422).
    private static async Task<IResult> SubmitAsync(
        [FromBody] PartnerCaseRequest request, [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey,
        HttpContext context, PartnerApplication partner, CancellationToken cancellationToken)
    {
        var clientId = context.User.GetClaim(OpenIddictConstants.Claims.Subject)!;
        var clientName = context.User.GetClaim(OpenIddictConstants.Claims.Name) ?? clientId;
        // Binding joins two headers into one value with a comma; two are passed on as two.
        var headers = context.Request.Headers["Idempotency-Key"];
        IReadOnlyList<string?> keys = headers.Count > 1 ? headers.ToArray() : [idempotencyKey];
        var result = await partner.RunAsync(request, clientId, clientName, keys, cancellationToken);
        if (!result.Succeeded)
        {
            return ProblemOf(result.Errors);
        }

        var made = result.Value!.Case;
        var body = new SubmittedResponse(made.TrackingCode, made.CaseNumber, made.Stage.ToString(), Utc(made.SubmittedAt),
            $"/api/v1/cases/status?code={made.TrackingCode}", $"/api/v1/cases/{made.TrackingCode}/receipt.pdf");
        if (result.Value.Replayed)
        {
            context.Response.Headers["Idempotent-Replayed"] = "true";
            return TypedResults.Ok(body);
        }

        return TypedResults.Created(body.StatusUrl, body);
    }

    // A refusal that is not about the application's content (the key, the item, a conflict) is
    // said alone; the application's own problems together, each with its member, at most
    // ErrorList.Listed of them, and errorCount says how many there were in all.
    private static ProblemHttpResult ProblemOf(IReadOnlyList<Error> errors)
    {
        var first = errors[0];
        var total = ErrorList.TotalOf(errors);
        if (first.Kind != ErrorKind.Invalid || first.Code == "idempotency.key_missing")
        {
            return Problems.From(first);
        }

        return TypedResults.Problem(new ProblemDetails
        {
            Status = StatusCodes.Status422UnprocessableEntity,
            Title = "申请未通过校验",
            Detail = string.Concat(errors.Select(e => e.Message)) + (total > errors.Count ? $"另有 {total - errors.Count} 项问题未列出。" : ""),
            Type = "https://govhall.example/problems/application.invalid",
            Extensions =
            {
                ["code"] = total == 1 ? first.Code : "application.invalid",
                ["errors"] = errors.Select(e => new FieldProblem(e.Code, e.Field, e.Message)).ToList(),
                ["errorCount"] = total,
            },
        });
    }

    // A partner sees the receipts of its own cases only; any other code is simply not found.
    private static readonly Error NoSuchReceipt = Error.NotFound("case.not_found", "没有找到该办件，或它不是经由本系统提交的。请核对查询码。");

    private static async Task<IResult> PartnerReceiptAsync(string code, HttpContext context, PartnerCases cases, CaseReceipt receipt, CancellationToken cancellationToken)
    {
        var clientId = context.User.GetClaim(OpenIddictConstants.Claims.Subject) ?? "";
        var found = await cases.CaseAsync(clientId, code, cancellationToken);
        return found is null
            ? Problems.From(NoSuchReceipt)
            : Results.File(await receipt.RenderAsync(found, QueryUrl(context.Request, found.TrackingCode), cancellationToken), "application/pdf", $"材料接收凭证-{found.TrackingCode}.pdf");
    }
}
