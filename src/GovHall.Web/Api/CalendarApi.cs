using System.Globalization;
using GovHall.Core.Calendar;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GovHall.Web.Api;

// GET /api/v1/calendar/deadline?from=yyyy-MM-dd&workingDays=n (README.md#public-read-api-no-credentials;
// docs/architecture.md#work-calendar)
public static class CalendarApi
{
    public sealed record DeadlineResponse(string From, int WorkingDays, string Deadline);

    public static IEndpointRouteBuilder MapCalendarApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/v1/calendar/deadline", DeadlineAsync).WithTags("Calendar").AllowAnonymous()
            .WithName("CalendarDeadline").WithSummary("The date that is n working days after from, on the official calendar (holidays and makeup workdays).");
        return endpoints;
    }

    private static async Task<Results<Ok<DeadlineResponse>, ProblemHttpResult>> DeadlineAsync(string? from, string? workingDays, WorkCalendar calendar, CancellationToken cancellationToken)
    {
        if (!DateOnly.TryParseExact(from, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var start))
        {
            return Problems.Of(StatusCodes.Status400BadRequest, "query.invalid", "参数 from 应为 yyyy-MM-dd 格式的日期。");
        }

        if (!int.TryParse(workingDays, NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count > 365)
        {
            return Problems.Of(StatusCodes.Status400BadRequest, "query.invalid", "参数 workingDays 应为 0 至 365 的整数。");
        }

        var deadline = (await calendar.LoadAsync(cancellationToken)).Add(start, count);
        if (!deadline.Succeeded)
        {
            return Problems.From(deadline.Errors[0]);
        }

        return TypedResults.Ok(new DeadlineResponse(
            start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), count, deadline.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
    }
}
