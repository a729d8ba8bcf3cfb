namespace GovHall.Web.Hosting.Http;

// Refuses query strings that no page or API of the hall would ever produce, before they reach
// routing or logs. The raw input is never logged: it may be an attack or hold personal data.
public static class QueryGuard
{
    public const int MaxQueryLength = 2048;

    public static IApplicationBuilder UseQueryGuard(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        // The identity provider's callback carries its codes in the query; the handler checks it.
        if (context.Request.QueryString.Value is { Length: > MaxQueryLength } && !context.Request.Path.StartsWithSegments("/signin-external"))
        {
            await Problems.WriteAsync(context, StatusCodes.Status400BadRequest, "query.too_long", "查询参数太长。");
            return;
        }

        await next(context);
    });
}
