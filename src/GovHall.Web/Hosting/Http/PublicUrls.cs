using GovHall.Web.Hosting.Startup;
using Microsoft.Extensions.Options;

namespace GovHall.Web.Hosting.Http;

public static class PublicUrls
{
    // The base of addresses that leave the request (QR codes in documents): GovHall:PublicUrl
    // when set, else the request's own scheme and host.
    public static string BaseOf(HttpRequest request)
    {
        var configured = request.HttpContext.RequestServices.GetRequiredService<IOptions<HallOptions>>().Value.PublicUrl;
        return configured is { Length: > 0 } ? configured.TrimEnd('/') : $"{request.Scheme}://{request.Host}";
    }
}
