using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace GovHall.Web.Hosting.Security;

// Behind the district's gateway or a TLS-terminating proxy, the client's address and scheme
// arrive in X-Forwarded-For / X-Forwarded-Proto. They are believed only from the proxies named
//   GovHall:ReverseProxy:KnownProxies    comma-separated addresses, e.g. 10.0.0.5,10.0.0.6
//   GovHall:ReverseProxy:KnownNetworks   comma-separated CIDR ranges, e.g. 10.0.0.0/24
// so rate limits, the audit log and HTTPS redirection see the real client; from anyone else
// the headers are ignored.
public static class ReverseProxy
{
    public const string Section = "GovHall:ReverseProxy";

    public static ForwardedHeadersOptions? Configure(IConfiguration configuration, List<string> failures)
    {
        var proxies = Split(configuration[$"{Section}:KnownProxies"]);
        var networks = Split(configuration[$"{Section}:KnownNetworks"]);
        if (proxies.Length == 0 && networks.Length == 0)
        {
            return null;
        }

        var options = new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto, ForwardLimit = 1 };
        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        foreach (var proxy in proxies)
        {
            if (IPAddress.TryParse(proxy, out var address))
            {
                options.KnownProxies.Add(address);
            }
            else
            {
                failures.Add($"{Section}:KnownProxies has '{proxy}', which is not an IP address.");
            }
        }

        foreach (var network in networks)
        {
            if (System.Net.IPNetwork.TryParse(network, out var parsed))
            {
                options.KnownIPNetworks.Add(parsed);
            }
            else
            {
                failures.Add($"{Section}:KnownNetworks has '{network}', which is not a CIDR range such as 10.0.0.0/24.");
            }
        }

        return options;
    }

    private static string[] Split(string? value) =>
        (value ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
