using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using GovHall.Core;
using GovHall.Core.Accounts;
using GovHall.Core.Cases;
using GovHall.Core.Catalog;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

// The load benchmark's own tool (bench/README.md): seeds cases into a hall's database, drives
// submissions at a constant rate (wrk cannot keep a fixed arrival rate), and checks afterwards
// that every acknowledged submission is there.
//
//   seed   --data DIR [--postgres CONN] --count N --codes FILE
//   rate   --url URL --token T --item CODE --rate R --count N [--acks FILE] [--report FILE]
//   verify --url URL --acks FILE
//   count  --data DIR [--postgres CONN]
//   settle --data DIR [--postgres CONN]
//   codes  --url URL --gateway-port PORT --rate R --seconds S [--report FILE]
//   catalog --data DIR [--postgres CONN] --from catalog.json --count N
var options = Options.Parse(args);
return args.FirstOrDefault() switch
{
    "seed" => await Seed.RunAsync(options),
    "rate" => await Rate.RunAsync(options),
    "verify" => await Verify.RunAsync(options),
    "count" => await Count.RunAsync(options),
    "settle" => await Settle.RunAsync(options),
    "codes" => await Codes.RunAsync(options),
    "catalog" => await Catalog.RunAsync(options),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: GovHall.Bench seed|rate|verify|count|settle|codes|catalog [options] (see bench/README.md)");
    return 2;
}

internal sealed class Options(Dictionary<string, string> values)
{
    public static Options Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 1; i + 1 < args.Length; i += 2)
        {
            values[args[i].TrimStart('-')] = args[i + 1];
        }

        return new Options(values);
    }

    public string Get(string name) => values.TryGetValue(name, out var value) ? value : throw new ArgumentException($"--{name} is required");

    public string? Find(string name) => values.GetValueOrDefault(name);

    public int Int(string name) => int.Parse(Get(name), CultureInfo.InvariantCulture);
}

internal static class Database
{
    public static HallDbContext Open(Options options)
    {
        var builder = new DbContextOptionsBuilder<HallDbContext>();
        if (options.Find("postgres") is { } postgres)
        {
            builder.UseNpgsql(postgres);
        }
        else
        {
            // Seeding is not measured: no fsync per batch.
            var connection = new SqliteConnection($"Data Source={Path.Combine(options.Get("data"), "govhall.db")}");
            connection.Open();
            using var pragma = connection.CreateCommand();
            pragma.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=OFF;";
            pragma.ExecuteNonQuery();
            builder.UseSqlite(connection);
        }

        return new HallDbContext(builder.Options);
    }
}

internal static class Seed
{
    public static async Task<int> RunAsync(Options options)
    {
        var count = options.Int("count");
        var key = Convert.FromBase64String(File.ReadAllText(Path.Combine(options.Get("data"), "keys", "personal-data.key")).Trim());
        var personal = new PersonalData(key);
        await using var db = Database.Open(options);
        var item = await db.ServiceItems.AsNoTracking().FirstAsync(i => i.Name == "受理教师申诉");
        var content = (await db.ServiceItemVersions.AsNoTracking().SingleAsync(v => v.ItemId == item.Id && v.Version == item.CurrentVersion)).Content();
        var answers = personal.Protect("{}");
        var phone = personal.Protect("13900000000");
        var idNumber = personal.Protect("11010519491231002X");
        var start = new DateTime(2024, 1, 1, 1, 0, 0, DateTimeKind.Utc);
        var clock = Stopwatch.StartNew();
        await using var codes = new StreamWriter(options.Get("codes"));
        const int Batch = 10_000;
        for (var done = 0; done < count; done += Batch)
        {
            for (var i = done; i < Math.Min(count, done + Batch); i++)
            {
                // About 2,000 cases a day, all before today, so new case numbers never collide.
                var at = start.AddDays(i / 2000).AddSeconds(i % 2000 * 40);
                var made = new Case
                {
                    TrackingCode = TrackingCode.New().Value,
                    CaseNumber = content.Code + at.ToString("yyyyMMdd", CultureInfo.InvariantCulture) + (i % 2000 + 1).ToString("D4", CultureInfo.InvariantCulture),
                    ItemId = item.Id,
                    ItemCode = content.Code,
                    ItemVersion = item.CurrentVersion,
                    ItemName = content.Name,
                    Situation = "",
                    Department = content.ImplementingBody.Department,
                    ApplicantType = ApplicantType.Person,
                    ApplicantName = "王五",
                    ApplicantIdNumberProtected = idNumber,
                    ContactPhoneProtected = phone,
                    AnswersProtected = answers,
                    Channel = CaseChannel.Partner,
                    PartnerClientId = "bench-seed",
                    SubmissionKey = $"seed:{i}",
                    SubmissionHash = new string('0', 64),
                    SubmittedAt = at,
                    StatutoryLimit = new TimeLimit { Value = content.StatutoryLimit.Value, Unit = content.StatutoryLimit.Unit },
                    PromisedLimit = new TimeLimit { Value = content.PromisedLimit.Value, Unit = content.PromisedLimit.Unit },
                };
                db.Cases.Add(made);
                db.CaseEvents.Add(new CaseEvent { CaseId = made.Id, Sequence = 1, Action = CaseAction.Submit, ToStage = CaseStage.Submitted, Actor = "bench", At = at });
                if (i % 100 == 0)
                {
                    await codes.WriteLineAsync(made.TrackingCode);
                }
            }

            await db.SaveChangesAsync();
            db.ChangeTracker.Clear();
            Console.Error.Write($"\rseeded {Math.Min(count, done + Batch):N0} of {count:N0} in {clock.Elapsed.TotalSeconds:F0} s");
        }

        Console.Error.WriteLine();
        Console.WriteLine(JsonSerializer.Serialize(new { seeded = count, seconds = Math.Round(clock.Elapsed.TotalSeconds, 1) }));
        return 0;
    }
}

internal static class Rate
{
    // Submissions of 受理教师申诉 at a fixed arrival rate, each with a unique ~200 KB PDF, through
    // POST /api/v1/cases. Latency is counted from when a request was due, not when it was sent,
    // so a stalled server shows up in the percentiles (no coordinated omission).
    public static async Task<int> RunAsync(Options options)
    {
        var rate = double.Parse(options.Get("rate"), CultureInfo.InvariantCulture);
        var count = options.Int("count");
        var acksPath = options.Find("acks");
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 1024, PooledConnectionLifetime = TimeSpan.FromMinutes(10) })
        {
            BaseAddress = new Uri(options.Get("url")),
            Timeout = TimeSpan.FromSeconds(30),
        };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", options.Get("token"));
        var itemCode = options.Get("item");
        var run = Guid.NewGuid().ToString("N")[..8];
        var latencies = new double[count];
        var statuses = new int[count];
        await using var acks = acksPath is null ? null : new StreamWriter(acksPath, append: true) { AutoFlush = true };
        var acksGate = new Lock();
        var clock = Stopwatch.StartNew();
        var pending = new List<Task>(count);
        for (var i = 0; i < count; i++)
        {
            var due = TimeSpan.FromSeconds(i / rate);
            var wait = due - clock.Elapsed;
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait);
            }

            var index = i;
            pending.Add(Task.Run(async () =>
            {
                try
                {
                    using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/cases") { Content = Body(itemCode, run, index) };
                    request.Headers.Add("Idempotency-Key", $"{run}-{index}");
                    using var response = await http.SendAsync(request);
                    statuses[index] = (int)response.StatusCode;
                    if (response.StatusCode == HttpStatusCode.Created && acks is not null)
                    {
                        var code = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["trackingCode"]!.GetValue<string>();
                        lock (acksGate)
                        {
                            acks.WriteLine(code);
                        }
                    }
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
                {
                    statuses[index] = 0;
                }

                latencies[index] = (clock.Elapsed - due).TotalMilliseconds;
            }));
        }

        await Task.WhenAll(pending);
        var seconds = clock.Elapsed.TotalSeconds;
        var sorted = latencies.Order().ToArray();
        double Percentile(double p) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p / 100 * sorted.Length) - 1)];
        var report = new
        {
            sent = count,
            targetRate = rate,
            achievedRate = Math.Round(count / seconds, 1),
            created = statuses.Count(s => s == 201),
            errors = statuses.Count(s => s != 201),
            errorsByStatus = statuses.Where(s => s != 201).GroupBy(s => s).ToDictionary(g => g.Key.ToString(CultureInfo.InvariantCulture), g => g.Count()),
            p50Ms = Math.Round(Percentile(50), 1),
            p95Ms = Math.Round(Percentile(95), 1),
            p99Ms = Math.Round(Percentile(99), 1),
            maxMs = Math.Round(sorted[^1], 1),
            seconds = Math.Round(seconds, 1),
            // When a stall happened: the seconds of the run (by when requests were due) with a
            // request slower than 100 ms, worst first, to line up with the server's and the
            // database's logs.
            slowSeconds = latencies.Select((ms, i) => (Second: (int)(i / rate), Ms: ms)).Where(l => l.Ms > 100)
                .GroupBy(l => l.Second).Select(g => new { second = g.Key, requests = g.Count(), maxMs = Math.Round(g.Max(l => l.Ms), 1) })
                .OrderByDescending(g => g.maxMs).Take(10).ToList(),
            startedAt = DateTimeOffset.UtcNow.AddSeconds(-seconds).ToString("HH:mm:ss", CultureInfo.InvariantCulture),
        };
        var json = JsonSerializer.Serialize(report);
        Console.WriteLine(json);
        if (options.Find("report") is { } reportPath)
        {
            await File.WriteAllTextAsync(reportPath, json);
        }

        return 0;
    }

    // The ~270 KB of base64 filler, encoded once as UTF-8 and shared by every request.
    private static readonly byte[] Filler = Encoding.ASCII.GetBytes(
        Convert.ToBase64String(Enumerable.Range(0, 200 * 1024 / 3 * 3).Select(i => (byte)('a' + (i % 26))).ToArray()));

    // A PDF-looking file made unique by a 24-byte marker, so every submission stores a new file.
    // Only the few hundred bytes around the filler are made per request: building the whole body
    // as a string made two large objects per request, and the driver's own collections of them
    // would count as the hall's latency.
    private static SegmentsContent Body(string itemCode, string run, int index)
    {
        var head = Convert.ToBase64String(Encoding.ASCII.GetBytes($"%PDF-1.4\n%{run}{index:D6}"));
        var before = $$"""
            {"itemCode":"{{itemCode}}","applicant":{"type":"Person","name":"王五","idNumber":"11010519491231002X","phone":"13900000009"},
             "answers":{"name":"王五","idNumber":"11010519491231002X","phone":"13900000009","school":"闵行区示例小学","decisionDate":"2026-10-09","request":"撤销处分决定","facts":"压力测试 {{index}}"},
             "files":[{"material":"教师申诉书","fileName":"申诉书.pdf","contentBase64":"{{head}}
            """;
        var after = $$"""
            "},
                      {"material":"学校或者其他教育机构作出的处理决定或者相关书面材料","fileName":"决定.pdf","contentBase64":"{{head}}"}]}
            """;
        return new SegmentsContent(Encoding.UTF8.GetBytes(before), Filler, Encoding.UTF8.GetBytes(after));
    }

    // A JSON body sent as its parts, one after another, without joining them.
    private sealed class SegmentsContent : HttpContent
    {
        private readonly byte[][] segments;

        public SegmentsContent(params byte[][] segments)
        {
            this.segments = segments;
            Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        }

        protected override async Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context)
        {
            foreach (var segment in segments)
            {
                await stream.WriteAsync(segment);
            }
        }

        protected override bool TryComputeLength(out long length)
        {
            length = segments.Sum(s => (long)s.Length);
            return true;
        }
    }
}

internal static class Verify
{
    // Every acknowledged tracking code must be found after a crash and a restart.
    public static async Task<int> RunAsync(Options options)
    {
        using var http = new HttpClient { BaseAddress = new Uri(options.Get("url")) };
        var codes = (await File.ReadAllLinesAsync(options.Get("acks"))).Where(l => l.Length > 0).Distinct().ToList();
        var missing = new List<string>();
        foreach (var code in codes)
        {
            using var response = await http.GetAsync($"/api/v1/cases/status?code={code}");
            if (response.StatusCode != HttpStatusCode.OK)
            {
                missing.Add(code);
            }
        }

        Console.WriteLine(JsonSerializer.Serialize(new { acknowledged = codes.Count, found = codes.Count - missing.Count, lost = missing.Count, lostCodes = missing.Take(20) }));
        return missing.Count == 0 ? 0 : 1;
    }
}

internal static class Count
{
    public static async Task<int> RunAsync(Options options)
    {
        await using var db = Database.Open(options);
        var count = await db.Cases.CountAsync(c => c.Channel == CaseChannel.Partner && c.PartnerClientId != "bench-seed");
        Console.WriteLine(JsonSerializer.Serialize(new { partnerCases = count }));
        return 0;
    }
}

// After the seed, what a database that has served a hall for a while has already done, so the
// runs measure the hall and not the seed's aftermath: on PostgreSQL, autovacuum has visited and
// analysed the new rows (their hint bits and visibility map set) and a checkpoint has written
// them; on SQLite, the WAL has been copied into the database file. SQLite gets no ANALYZE: the
// hall never runs one, so its plans are measured as they are.
internal static class Settle
{
    public static async Task<int> RunAsync(Options options)
    {
        var watch = Stopwatch.StartNew();
        await using var db = Database.Open(options);
        db.Database.SetCommandTimeout(TimeSpan.FromHours(1));
        if (options.Find("postgres") is not null)
        {
            await db.Database.ExecuteSqlRawAsync("VACUUM (ANALYZE)");
            await db.Database.ExecuteSqlRawAsync("CHECKPOINT");
        }
        else
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE)");
        }

        Console.WriteLine(JsonSerializer.Serialize(new { settledSeconds = Math.Round(watch.Elapsed.TotalSeconds, 1) }));
        return 0;
    }
}
