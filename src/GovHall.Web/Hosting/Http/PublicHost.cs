using Microsoft.AspNetCore.HostFiltering;

namespace GovHall.Web.Hosting.Http;

// Which Host headers the hall answers. With GovHall:PublicUrl set and AllowedHosts left at
// "*", only the public address's host is answered, and the node's own loopback names (health
// probes and the operator's curl on the machine); a request for any other host is refused with
// 400 before it reaches anything that could echo it. AllowedHosts, when set, is the operator's
// own list and wins. Without PublicUrl every host is answered (a laptop, a first install) and
// start-up warns outside Development (Program.cs).
public static class PublicHost
{
    public static readonly string[] Loopback = ["localhost", "127.0.0.1", "[::1]"];

    public static IServiceCollection AddPublicHost(this IServiceCollection services, IConfiguration configuration, string? publicUrl)
    {
        var configured = configuration["AllowedHosts"];
        if (publicUrl is not { Length: > 0 } || !Uri.TryCreate(publicUrl, UriKind.Absolute, out var address)
            || (configured is { Length: > 0 } && configured.Trim() != "*"))
        {
            return services;
        }

        services.PostConfigure<HostFilteringOptions>(options =>
        {
            options.AllowedHosts = [address.IdnHost, .. Loopback];
            options.AllowEmptyHosts = false;
            options.IncludeFailureMessage = false;
        });
        return services;
    }
}
