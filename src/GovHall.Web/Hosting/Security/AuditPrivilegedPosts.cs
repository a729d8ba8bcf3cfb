using GovHall.Core.Audit;
using Microsoft.AspNetCore.Mvc.Filters;

namespace GovHall.Web.Hosting.Security;

// Every form post in the staff areas (/admin, /system, /staff) is written to the audit log with who,
// which page and handler, the outcome and the client address, whether or not the page itself
// records more detail.
public sealed class AuditPrivilegedPosts : IAsyncPageFilter
{
    private static readonly string[] Privileged = ["/admin", "/system", "/staff"];

    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var executed = await next();
        var http = context.HttpContext;
        if (!HttpMethods.IsPost(http.Request.Method) || !Privileged.Any(p => http.Request.Path.StartsWithSegments(p)))
        {
            return;
        }

        var status = executed.Result switch
        {
            Microsoft.AspNetCore.Mvc.Infrastructure.IStatusCodeActionResult { StatusCode: { } code } => code,
            _ => http.Response.StatusCode,
        };
        var audit = http.RequestServices.GetRequiredService<AuditLog>();
        await audit.WriteAsync(
            http.User.Identity?.Name ?? "anonymous",
            "privileged." + (context.HandlerMethod?.Name ?? "post").ToLowerInvariant(),
            http.Request.Path.Value,
            context.ActionDescriptor.ViewEnginePath,
            http.ClientAddressText(),
            executed.Exception is null && status < 400 && context.ModelState.IsValid,
            http.RequestAborted);
    }
}
