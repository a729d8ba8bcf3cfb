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
        // maildev prints its banner, which ends with "Press Ctrl+C to stop", once its SMTP
        // server and its web API both listen.
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var output = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, line) => Seen(line.Data);
        process.ErrorDataReceived += (_, line) => Seen(line.Data);
        process.Exited += (_, _) => ready.TrySetException(new InvalidOperationException($"maildev exited: {string.Join(" | ", output)}"));
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var maildev = new Maildev(process, smtp, web);
        try
        {
            await ready.Task.WaitAsync(TimeSpan.FromSeconds(30));
            return maildev;
        }
        catch (Exception exception) when (exception is TimeoutException or InvalidOperationException)
        {
            await maildev.DisposeAsync();
            throw new InvalidOperationException($"maildev did not start: {string.Join(" | ", output)}", exception);
        }

        void Seen(string? line)
        {
            if (line is null)
            {
                return;
            }

            output.Enqueue(line);
            if (line.Contains("Press Ctrl+C to stop", StringComparison.Ordinal))
            {
                ready.TrySetResult();
            }
        }
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
