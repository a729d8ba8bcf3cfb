using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;

// How long a one-time code takes to reach the SMS gateway while the hall is under load
// (issue 22, part 1: p99 within 5 s under the enrolment peak). Plays the SMS gateway itself (an
// HTTP listener on loopback that notes when each message arrives, by phone) and, at a fixed
// rate, registers new persons through the pages as a browser does: the register page for its
// anti-forgery token, then the form. Latency runs from sending the form to the message arriving.
//
//   codes --url URL --gateway-port PORT --rate R --seconds S [--report FILE]
internal static partial class Codes
{
    public static async Task<int> RunAsync(Options options)
    {
        var rate = double.Parse(options.Get("rate"), CultureInfo.InvariantCulture);
        var seconds = double.Parse(options.Get("seconds"), CultureInfo.InvariantCulture);
        var clock = Stopwatch.StartNew();
        var arrived = new ConcurrentDictionary<string, TimeSpan>(StringComparer.Ordinal);
        using var listener = new HttpListener();
        listener.Prefixes.Add($"http://127.0.0.1:{options.Int("gateway-port")}/");
        listener.Start();
        using var stop = new CancellationTokenSource();
        var gateway = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                HttpListenerContext context;
                try
                {
                    context = await listener.GetContextAsync().WaitAsync(stop.Token);
                }
                catch (Exception ex) when (ex is OperationCanceledException or HttpListenerException or ObjectDisposedException)
                {
                    break;
                }

                using var reader = new StreamReader(context.Request.InputStream);
                var message = JsonDocument.Parse(await reader.ReadToEndAsync()).RootElement;
                arrived.TryAdd(message.GetProperty("to").GetString()!, clock.Elapsed);
                var answer = JsonSerializer.SerializeToUtf8Bytes(new { id = "bench-" + message.GetProperty("messageId").GetString() });
                context.Response.ContentType = "application/json";
                await context.Response.OutputStream.WriteAsync(answer);
                context.Response.Close();
            }
        });

        var count = (int)(rate * seconds);
        var sentAt = new TimeSpan?[count];
        var phones = new string[count];
        var refused = 0;
        var pending = new List<Task>(count);
        for (var i = 0; i < count; i++)
        {
            var due = TimeSpan.FromSeconds(i / rate);
            if (due - clock.Elapsed is { } wait && wait > TimeSpan.Zero)
            {
                await Task.Delay(wait);
            }

            var index = i;
            pending.Add(Task.Run(async () =>
            {
                var (idNumber, phone) = Person(index);
                phones[index] = phone;
                try
                {
                    using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() })
                    {
                        BaseAddress = new Uri(options.Get("url")), Timeout = TimeSpan.FromSeconds(30),
                    };
                    var page = await http.GetStringAsync("/account/register");
                    var token = Token().Match(page).Groups[1].Value;
                    var form = new FormUrlEncodedContent(new Dictionary<string, string>
                    {
                        ["Name"] = "压测用户", ["IdNumber"] = idNumber, ["Phone"] = phone, ["Password"] = "Bench#2026x", ["ConfirmPassword"] = "Bench#2026x",
                        ["Channel"] = "Sms", ["__RequestVerificationToken"] = token,
                    });
                    var sent = clock.Elapsed;
                    using var response = await http.PostAsync("/account/register", form);
                    if (response.StatusCode == HttpStatusCode.Redirect)
                    {
                        sentAt[index] = sent;
                    }
                    else
                    {
                        Interlocked.Increment(ref refused);
                    }
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
                {
                    Interlocked.Increment(ref refused);
                }
            }));
        }

        await Task.WhenAll(pending);

        // Every accepted code gets a minute to arrive.
        var deadline = clock.Elapsed + TimeSpan.FromMinutes(1);
        while (clock.Elapsed < deadline && Enumerable.Range(0, count).Any(i => sentAt[i] is not null && !arrived.ContainsKey(phones[i])))
        {
            await Task.Delay(100);
        }

        await stop.CancelAsync();
        listener.Stop();
        await gateway;
        var latencies = Enumerable.Range(0, count).Where(i => sentAt[i] is not null && arrived.ContainsKey(phones[i]))
            .Select(i => (arrived[phones[i]] - sentAt[i]!.Value).TotalMilliseconds).Order().ToArray();
        double Percentile(double p) => latencies.Length == 0 ? 0 : latencies[Math.Min(latencies.Length - 1, (int)Math.Ceiling(p / 100 * latencies.Length) - 1)];
        var report = new
        {
            asked = count,
            accepted = sentAt.Count(s => s is not null),
            refused,
            arrived = latencies.Length,
            lost = sentAt.Count(s => s is not null) - latencies.Length,
            p50Ms = Math.Round(Percentile(50), 1),
            p95Ms = Math.Round(Percentile(95), 1),
            p99Ms = Math.Round(Percentile(99), 1),
            maxMs = latencies.Length == 0 ? 0 : Math.Round(latencies[^1], 1),
        };
        var json = JsonSerializer.Serialize(report);
        Console.WriteLine(json);
        if (options.Find("report") is { } path)
        {
            await File.WriteAllTextAsync(path, json);
        }

        return 0;
    }

    // A valid, made-up ID number (GB 11643 check character) and mobile phone for the n-th person.
    private static (string IdNumber, string Phone) Person(int index)
    {
        var birth = new DateOnly(1970, 1, 1).AddDays(index % 15000);
        var seventeen = $"310112{birth:yyyyMMdd}{index % 1000:D3}";
        int[] weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
        var check = "10X98765432"[seventeen.Select((c, i) => (c - '0') * weights[i]).Sum() % 11];
        return (seventeen + check, "136" + Random.Shared.Next(10000000, 99999999).ToString(CultureInfo.InvariantCulture));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Token();
}
