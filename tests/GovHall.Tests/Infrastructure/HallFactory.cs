using System.Collections.Concurrent;
using GovHall.Core;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace GovHall.Tests.Infrastructure;

public enum TestDatabase { Sqlite, Postgres }

// One hall per test class: its own data folder and its own database (a fresh SQLite file, or a
// fresh database on the test PostgreSQL server named by GOVHALL_TEST_POSTGRES), migrated and
// seeded with the demo data exactly as `dotnet run` does. Every log line is kept for the
// log-scan tests.
public class HallFactory(TestDatabase database) : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string PostgresVariable = "GOVHALL_TEST_POSTGRES";

    private string dataDirectory = Path.Combine(Path.GetTempPath(), "govhall-tests", Guid.NewGuid().ToString("N"));
    private string? postgresDatabase;

    // A second node of another hall: the same database and the same file store (shared storage,
    // as several nodes need), which it neither creates nor removes.
    private bool joined;

    public TestDatabase Database { get; } = database;

    // The host environment: Testing, unless a fixture runs the hall as it runs in Production.
    protected virtual string EnvironmentName => "Testing";

    // Settings a fixture adds on top of the defaults (for example a low rate limit).
    protected virtual IReadOnlyDictionary<string, string?> ExtraSettings { get; } = new Dictionary<string, string?>();
    public ConcurrentQueue<string> Logs { get; } = new();
    public string? Unavailable { get; private set; }
    public string DataDirectory => dataDirectory;

    // {repository}/artifacts/{name}: screenshots, logs of the run; ignored by git.
    public static string ArtifactsFolder(string name)
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "GovHall.slnx")))
        {
            directory = directory.Parent;
        }

        var folder = Path.Combine(directory?.FullName ?? Path.GetTempPath(), "artifacts", name);
        Directory.CreateDirectory(folder);
        return folder;
    }

    public static bool InCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    protected virtual void ConfigureTestServices(IServiceCollection services)
    {
    }

    // Makes this hall a second node of `first` (before it starts).
    protected void Join(HallFactory first)
    {
        joined = true;
        dataDirectory = first.dataDirectory;
        postgresDatabase = first.postgresDatabase;
        Unavailable = first.Unavailable;
    }

    public virtual async ValueTask InitializeAsync()
    {
        if (joined)
        {
            _ = Services;
            return;
        }

        if (Database == TestDatabase.Postgres)
        {
            var server = Environment.GetEnvironmentVariable(PostgresVariable);
            if (string.IsNullOrWhiteSpace(server))
            {
                // In CI a missing PostgreSQL is a failure, never a skip.
                Unavailable = $"{PostgresVariable} is not set: no PostgreSQL server for the tests.";
                if (InCi)
                {
                    throw new InvalidOperationException(Unavailable);
                }

                return;
            }

            postgresDatabase = "govhall_test_" + Guid.NewGuid().ToString("N")[..16];
            await using var connection = new NpgsqlConnection(server);
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {postgresDatabase}", connection);
            await create.ExecuteNonQueryAsync();
        }

        // Starts the host: migrations and demo seeding run now, not in the first test.
        _ = Services;
    }

    public virtual void SkipIfUnavailable()
    {
        if (Unavailable is not null)
        {
            Assert.Skip(Unavailable);
        }
    }

    public HttpClient CreateBrowserLikeClient() =>
        CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    public async Task<T> WithDbAsync<T>(Func<HallDbContext, Task<T>> read)
    {
        await using var scope = Services.CreateAsyncScope();
        return await read(scope.ServiceProvider.GetRequiredService<HallDbContext>());
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(EnvironmentName);
        var settings = new Dictionary<string, string?>
        {
            ["GovHall:DataDirectory"] = dataDirectory,
            ["GovHall:Demo"] = "true",
            ["GovHall:Database:Provider"] = Database.ToString(),

            // Tests sign in far more often than people; the limit itself is tested on its own.
            ["GovHall:RateLimits:PerMinute"] = "100000",

            // Every test registers from 127.0.0.1; the per-address limit on codes is tested on its own.
            ["GovHall:Codes:PerAddressPerHour"] = "100000",
        };
        foreach (var (key, value) in ExtraSettings)
        {
            settings[key] = value;
        }
        if (postgresDatabase is not null)
        {
            settings["ConnectionStrings:GovHall"] = new NpgsqlConnectionStringBuilder(Environment.GetEnvironmentVariable(PostgresVariable))
            {
                Database = postgresDatabase,
            }.ConnectionString;
        }

        builder.UseSetting("GovHall:DataDirectory", dataDirectory);
        builder.UseSetting("GovHall:Database:Provider", Database.ToString());
        builder.UseSetting("GovHall:Demo", "true");
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }
        if (settings.TryGetValue("ConnectionStrings:GovHall", out var connectionString))
        {
            builder.UseSetting("ConnectionStrings:GovHall", connectionString);
        }

        builder.ConfigureAppConfiguration(config => config.AddInMemoryCollection(settings));
        builder.ConfigureServices(ConfigureTestServices);
        builder.ConfigureLogging(logging =>
        {
            logging.SetMinimumLevel(LogLevel.Debug);
            logging.AddProvider(new CapturingLoggerProvider(Logs));
        });
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (joined)
        {
            return;
        }

        if (postgresDatabase is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(Environment.GetEnvironmentVariable(PostgresVariable));
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {postgresDatabase} WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }

        try
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
        catch (IOException)
        {
        }

        GC.SuppressFinalize(this);
    }
}

public sealed class SqliteHall() : HallFactory(TestDatabase.Sqlite);

public sealed class PostgresHall() : HallFactory(TestDatabase.Postgres);

// Keeps each hall's log lines for its tests, and appends every line of the whole run to
// artifacts/logs so that test.sh can scan them for personal data.
internal sealed class CapturingLoggerProvider(ConcurrentQueue<string> sink) : ILoggerProvider
{
    private static readonly Lock FileGate = new();
    private static readonly string RunLog = Path.Combine(HallFactory.ArtifactsFolder("logs"), $"tests-{Environment.ProcessId}.log");

    internal static void Append(string line)
    {
        lock (FileGate)
        {
            File.AppendAllText(RunLog, line + Environment.NewLine);
        }
    }

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, sink);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<string> sink) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var line = $"{logLevel} {category}: {formatter(state, exception)} {exception}";
            sink.Enqueue(line);
            Append(line);
        }
    }
}
