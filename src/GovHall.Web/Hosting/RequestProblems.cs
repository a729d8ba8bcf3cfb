using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;

namespace GovHall.Web.Hosting;

// A request the hall cannot read is told why, instead of "请求未能完成":
// - a body over the endpoint's limit is refused before anything reads it, on pages and APIs
//   alike (413 request.too_large, with the limit in MB);
// - minimal APIs throw BadHttpRequestException for a body they cannot bind
//   (RouteHandlerOptions.ThrowOnBadRequest): a JSON body that does not parse or does not fit
//   the shape is 400 request.invalid_json with where it went wrong, a body cut short or a
//   missing parameter 400 request.unreadable. None of these is a server error, so none is
//   logged as one. (Another media type is answered 415 without an exception; the status-code
//   pages name it, see Problems.OfBareStatus.)
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
                // The messages name a parameter, a JSON path or a rejection reason, never a value.
                logger.LogInformation("Refused an unreadable request ({Status}): {Reason} {Inner}", refused.StatusCode, refused.Message, refused.InnerException?.Message);
                await WriteAsync(context, refused);
            }
        });
    }

    // What the endpoint allows (its [RequestSizeLimit] or the server's default); null for none.
    private static long? LimitOf(HttpContext context) =>
        context.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>() is { } metadata
            ? metadata.MaxRequestBodySize
            : context.Features.Get<IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize;

    private static Task TooLargeAsync(HttpContext context, long? limit)
    {
        var allowed = limit is { } bytes ? $" {Math.Max(1, bytes / (1024 * 1024))} MB 的上限" : "上限";
        return Problems.WriteAsync(context, StatusCodes.Status413PayloadTooLarge, "request.too_large",
            $"提交的内容超过了{allowed}，没有保存任何内容。请压缩或减少文件后再提交。");
    }

    private static Task WriteAsync(HttpContext context, BadHttpRequestException refused) => refused switch
    {
        { StatusCode: StatusCodes.Status413PayloadTooLarge } => TooLargeAsync(context, LimitOf(context)),
        { InnerException: JsonException json } => Problems.WriteAsync(context, StatusCodes.Status400BadRequest, "request.invalid_json",
            "请求体不是有效的 JSON，或某个成员的类型不符" + Where(json) + "。"),
        _ => Problems.WriteAsync(context, StatusCodes.Status400BadRequest, "request.unreadable",
            "请求无法读取：请求体不完整，或缺少必需的参数、参数格式不符。"),
    };

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
