using GovHall.Core;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace GovHall.Web.Hosting.Http;

// RFC 9457 problem details with a stable "code" member, the one way the API says no.
public static class Problems
{
    public static ProblemHttpResult From(Error error) => Of(StatusOf(error.Kind), error.Code, error.Message);

    public static ProblemHttpResult Of(int status, string code, string detail) => TypedResults.Problem(new ProblemDetails
    {
        Status = status,
        Title = TitleOf(status),
        Detail = detail,
        Type = $"https://govhall.example/problems/{code}",
        Extensions = { ["code"] = code },
    });

    public static int StatusOf(ErrorKind kind) => kind switch
    {
        ErrorKind.Invalid => StatusCodes.Status400BadRequest,
        ErrorKind.NotFound => StatusCodes.Status404NotFound,
        ErrorKind.Conflict => StatusCodes.Status409Conflict,
        ErrorKind.Gone => StatusCodes.Status410Gone,
        ErrorKind.Forbidden => StatusCodes.Status403Forbidden,
        ErrorKind.TooMany => StatusCodes.Status429TooManyRequests,
    };

    // For pages the same refusal is plain Chinese; for /api it is problem details. A page may
    // offer the way back to the form it came from (backTo: an escaped local path).
    public static async Task WriteAsync(HttpContext context, int status, string code, string detail, string? backTo = null)
    {
        if (context.Request.Path.StartsWithSegments("/api"))
        {
            await Of(status, code, detail).ExecuteAsync(context);
            return;
        }

        // The hall's own look (its stylesheet, its header, 长辈版 when chosen), written without
        // Razor: this answers requests that never reached a page, and failures of pages.
        var back = backTo is null ? string.Empty : $"<a href=\"{System.Net.WebUtility.HtmlEncode(backTo)}\">返回刚才的页面</a> · ";
        var elder = context.Request.Cookies[ElderMode.CookieName] == "1" ? " class=\"elder\"" : string.Empty;
        var title = PageTitleOf(status);
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/html; charset=utf-8";
        await context.Response.WriteAsync(
            $"<!DOCTYPE html><html lang=\"zh-CN\"{elder}><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">" +
            $"<title>{title} - 闵行区教育局网上政务大厅</title><link rel=\"stylesheet\" href=\"/css/site.css\"></head>" +
            $"<body{elder}><header class=\"site-header\"><div class=\"bar\"><a class=\"brand\" href=\"/\">闵行区教育局 · 网上政务大厅</a>" +
            "<nav aria-label=\"主导航\"><ul><li><a href=\"/\">首页</a></li><li><a href=\"/items\">事项目录</a></li><li><a href=\"/query\">办件查询</a></li></ul></nav></div></header>" +
            $"<main id=\"main\"><h1>{title}</h1><p>{System.Net.WebUtility.HtmlEncode(detail)}</p><p>{back}<a href=\"/\">返回首页</a></p></main></body></html>");
    }

    // A page's heading, in the words of someone who only wanted to get something done.
    private static string PageTitleOf(int status) => status switch
    {
        403 => "无权访问",
        404 => "页面不存在",
        410 => "已下线",
        413 => "提交的内容过大",
        429 => "操作太频繁",
        >= 500 => "系统暂时无法完成您的请求",
        _ => "请求有误",
    };

    // What a status that came without a body means (the status-code pages): for the API, a
    // refused bearer token says so, so that a partner knows to get a new one.
    public static (string Code, string Detail) OfBareStatus(int status, bool api) => (status, api) switch
    {
        (401, true) => ("auth.token_invalid", "缺少访问令牌，或令牌无效、已过期：请到 /connect/token 重新获取后再试。"),
        (403, true) => ("auth.scope_missing", "访问令牌没有此操作所需的权限范围（scope）。"),
        (403, false) => ("http.403", "您没有权限访问此页面。"),
        (404, _) => ("http.404", "没有找到您要访问的页面。"),
        (400, true) => ("request.unreadable", Unreadable),
        (413, _) => ("request.too_large", TooLarge(null)),
        (415, true) => ("request.unsupported_media_type", "请求体应为 JSON（Content-Type: application/json）。"),
        _ => ("http." + status, "请求未能完成。"),
    };

    // The words of the refusals of a request the hall could not read, whether the framework
    // answered with a bare status or RequestProblems answered first.
    public const string Unreadable = "请求无法读取：请求体不完整，或缺少必需的参数、参数格式不符。";

    public static string TooLarge(long? limitBytes) =>
        $"提交的内容超过了{(limitBytes is { } bytes ? $" {Math.Max(1, bytes / (1024 * 1024))} MB 的上限" : "上限")}，没有保存任何内容。请压缩或减少文件后再提交。";

    private static string TitleOf(int status) => status switch
    {
        400 => "请求有误",
        401 => "未认证",
        403 => "无权限",
        404 => "未找到",
        409 => "冲突",
        410 => "已下线",
        429 => "请求过于频繁",
        _ => "错误",
    };
}
