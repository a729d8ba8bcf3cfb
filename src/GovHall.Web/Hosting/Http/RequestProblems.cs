using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;

namespace GovHall.Web.Hosting.Http;

// A request the hall cannot read is told why, instead of "请求未能完成":
// - a body over the endpoint's limit is refused before anything reads it, on pages and APIs
//   alike (413 request.too_large, with the limit in MB);
// - minimal APIs throw BadHttpRequestException for a body they cannot bind
//   (RouteHandlerOptions.ThrowOnBadRequest): a JSON body that does not parse or does not fit
//   the shape is 400 request.invalid_json with where it went wrong, a body with no media type
//   415 request.unsupported_media_type, a missing body or parameter 400 request.unreadable.
//   None of these is a server error, so none is logged as one (ADR 0010). (A body cut short
//   is caught by the endpoint itself and answered with a bare 400; another media type is
//   answered 415 by routing; the status-code pages name both, see Problems.OfBareStatus.)
public static class RequestProblems
{
    public const long DefaultBodyLimit = 32 * 1024 * 1024;

    public static IApplicationBuilder UseRequestProblems(this IApplicationBuilder app)
    {
        var logger = app.ApplicationServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(RequestProblems));
        return app.Use(async (context, next) =>
        {
            if (LimitOf(context) is { } limit && context.Request.ContentLength > limit)
            {
                logger.LogInformation("Refused a request body of {Length} bytes over the limit of {Limit}", context.Request.ContentLength, limit);
                await TooLargeAsync(context, limit);
                return;
            }

            try
            {
                await next(context);
            }
            catch (BadHttpRequestException refused) when (!context.Response.HasStarted)
            {
                // Where reading stopped, never the messages: a JSON reader's may quote the body.
                var json = refused.InnerException as JsonException;
                logger.LogInformation("Refused an unreadable request ({Status}) at {Path}, line {Line}, byte {Byte}",
                    refused.StatusCode, json?.Path, json?.LineNumber, json?.BytePositionInLine);
                await WriteAsync(context, refused);
            }
        });
    }

    // What the endpoint allows (its [RequestSizeLimit] or the server's default); null for none.
    private static long? LimitOf(HttpContext context) =>
        context.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>() is { } metadata
            ? metadata.MaxRequestBodySize
            : context.Features.Get<IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize;

    // A form refused for its size offers the way back to the page it was sent from: the path of
    // the page that matched, escaped (so "\\" or a control character cannot make it another site).
    private static Task TooLargeAsync(HttpContext context, long? limit)
    {
        var backTo = HttpMethods.IsPost(context.Request.Method) && context.GetEndpoint()?.Metadata.GetMetadata<Microsoft.AspNetCore.Mvc.Abstractions.ActionDescriptor>() is Microsoft.AspNetCore.Mvc.RazorPages.PageActionDescriptor
            ? (context.Request.PathBase + context.Request.Path).ToUriComponent()
            : null;
        return Problems.WriteAsync(context, StatusCodes.Status413PayloadTooLarge, "request.too_large",
            Problems.TooLarge(limit), backTo);
    }

    private static Task WriteAsync(HttpContext context, BadHttpRequestException refused) => refused switch
    {
        { StatusCode: StatusCodes.Status413PayloadTooLarge } => TooLargeAsync(context, LimitOf(context)),
        { StatusCode: StatusCodes.Status415UnsupportedMediaType } => UnsupportedAsync(context),
        { InnerException: JsonException json } => Problems.WriteAsync(context, StatusCodes.Status400BadRequest, "request.invalid_json",
            "请求体不是有效的 JSON，或某个成员的类型不符" + Where(json) + "。"),
        _ => Problems.WriteAsync(context, refused.StatusCode, "request.unreadable", Problems.Unreadable),
    };

    // A body without a JSON media type: routing answers a wrong Content-Type itself (a bare 415,
    // named by the status-code pages), a missing one reaches the endpoint and is thrown.
    private static Task UnsupportedAsync(HttpContext context)
    {
        var (code, detail) = Problems.OfBareStatus(StatusCodes.Status415UnsupportedMediaType, api: true);
        return Problems.WriteAsync(context, StatusCodes.Status415UnsupportedMediaType, code, detail);
    }

    private static string Where(JsonException json)
    {
        var parts = new List<string>();
        if (!string.IsNullOrEmpty(json.Path))
        {
            parts.Add("位置 " + json.Path);
        }

        if (json.LineNumber is { } line)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"第 {line + 1} 行第 {(json.BytePositionInLine ?? 0) + 1} 个字节"));
        }

        return parts.Count == 0 ? string.Empty : "（" + string.Join("，", parts) + "）";
    }
}
