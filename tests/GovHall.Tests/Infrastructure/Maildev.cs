using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;

namespace GovHall.Tests.Infrastructure;

// A real SMTP server for the tests: maildev from npm (tools/maildev, installed by test.sh),
// started on free loopback ports, read back through its REST API. Without it the tests skip,
// and in CI they fail.
public sealed class Maildev : IAsyncDisposable
{
    private readonly Process process;
    private readonly HttpClient api;

    private Maildev(Process process, int smtpPort, int webPort)
    {
        this.process = process;
        SmtpPort = smtpPort;
        api = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{webPort}") };
    }

    public int SmtpPort { get; }

    public static string? Unavailable()
    {
        var program = Program();
        return File.Exists(program) ? null : $"maildev is not installed at {program} (run: npm ci --prefix tools/maildev).";
    }

    private static string Program() => Path.Combine(HallFactory.ArtifactsFolder(".."), "tools", "maildev", "node_modules", "maildev", "dist", "bin", "maildev.js");

    public static async Task<Maildev> StartAsync()
    {
        var (smtp, web) = (FreePort(), FreePort());
        var start = new ProcessStartInfo("node", [Program(), "--ip", "127.0.0.1", "--web-ip", "127.0.0.1", "-s", smtp.ToString(CultureInfo()), "-w", web.ToString(CultureInfo())])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var maildev = new Maildev(process, smtp, web);
        for (var i = 0; i < 100; i++)
        {
            try
            {
                await maildev.api.GetAsync("/api/email");
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, smtp);
                return maildev;
            }
            catch (Exception exception) when (exception is HttpRequestException or SocketException)
            {
                await Task.Delay(200);
            }
        }

        throw new InvalidOperationException("maildev did not start.");
    }

    public async Task<IReadOnlyList<JsonElement>> EmailsAsync() =>
        (await api.GetFromJsonAsync<JsonElement>("/api/email")).EnumerateArray().ToList();

    public async ValueTask DisposeAsync()
    {
        try
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        catch (InvalidOperationException)
        {
        }

        process.Dispose();
        api.Dispose();
    }

    private static System.Globalization.CultureInfo CultureInfo() => System.Globalization.CultureInfo.InvariantCulture;

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
