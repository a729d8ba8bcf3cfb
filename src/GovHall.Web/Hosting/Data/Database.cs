using System.Data.Common;
using GovHall.Core;
using GovHall.Web.Hosting.Startup;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace GovHall.Web.Hosting.Data;

public static class Database
{
    public static IServiceCollection AddHallDatabase(this IServiceCollection services, HallOptions options, IConfiguration configuration)
    {
        // Pooled: a request takes a reset context from the pool instead of building one (the
        // context has no state of its own beyond EF's, which the pool resets).
        services.AddDbContextPool<HallDbContext>(db =>
        {
            // EF logs every failed statement and save as an error before the caller sees it. The
            // hall expects some: two submits of one key race for its unique index and the loser
            // answers with the winner's case; a new database has no migrations table yet. A
            // failure nobody handles is logged as an error where it ends (the exception
            // handler, the background services), so EF's own lines are warnings: still in the
            // log (EF's category is kept from Warning up), but no error alarms at the peak.
            db.ConfigureWarnings(warnings => warnings.Log(
                (CoreEventId.SaveChangesFailed, LogLevel.Warning),
                (RelationalEventId.CommandError, LogLevel.Warning)));
            switch (options.Database.ProviderKind)
            {
                case DatabaseProvider.Sqlite:
                    db.UseSqlite(options.SqliteConnectionString, x => x.MigrationsAssembly("GovHall.Migrations.Sqlite"))
                        .AddInterceptors(new SqlitePragmas());
                    db.UseOpenIddict<Guid>();
                    break;
                case DatabaseProvider.Postgres:
                    // The pool's name labels its metrics: "govhall", not the connection's host and user.
                    db.UseNpgsql(PostgresConnectionString(configuration.GetConnectionString("GovHall")!), x => x
                        .MigrationsAssembly("GovHall.Migrations.Postgres")
                        .ConfigureDataSource(source => source.Name = "govhall"));
                    db.UseOpenIddict<Guid>();
                    break;
            }
        });
        return services;
    }

    // Npgsql prepares a statement on the server once it has run a few times on a connection
    // (Max Auto Prepare), so the hall's few query shapes are parsed and planned once per
    // connection instead of on every run (bench/README.md). A connection string that sets it,
    // e.g. 0 behind a pooler that cannot keep prepared statements, is left as it is.
    public const int DefaultMaxAutoPrepare = 100;

    // Npgsql closes connections idle for five minutes down to Minimum Pool Size, 0 by default.
    // After a burst had grown the pool (64 connections), a steady load that followed was left
    // with a handful; its requests then opened 20-30 new connections at once, each a new
    // PostgreSQL backend with cold caches and unprepared statements, and the hall stalled for
    // 0.5-3 s (bench/README.md, "the peak's stall"). A warm minimum keeps a steady load on
    // connections already made; closing the rest costs a blip of a few hundred ms at most. Under
    // the default maximum (below) the minimum is the whole pool, which is then never pruned.
    public const int DefaultMinPoolSize = 20;

    // Npgsql's default maximum is 100. With 64 requests at once, each on a connection of its
    // own, 64 PostgreSQL backends took turns on the database's cores: every query paid for
    // their switching, and the one-code query's p99 was 20-30 ms. Twelve connections served
    // the same requests with a third less database CPU per query and a p99 of 13-15 ms in short
    // runs (12-20 ms in full ones); the other requests wait for a connection in order
    // (bench/README.md, "A bounded pool"). So the pool is sized to a database server of a few
    // cores; several nodes, or a larger server, set Maximum Pool Size for their own.
    public const int DefaultMaxPoolSize = 12;

    // Npgsql resets a connection's session when it goes back to the pool: seven statements
    // (RESET ALL, pg_advisory_unlock_all(), CLOSE ALL, ...) that PostgreSQL runs before the
    // connection's next command. The hall opens a connection for each query, so that was seven
    // statements more per query, and about 40 % of the database's CPU for the one-code query
    // (bench/README.md, "No reset on close"). The hall keeps no session state to reset: its
    // code never uses SET, advisory locks, temporary tables, cursors or LISTEN, and Npgsql rolls
    // back an open transaction on close whatever this says. A connection string that sets No
    // Reset On Close is left as it is.
    public const bool DefaultNoResetOnClose = true;

    public static string PostgresConnectionString(string given)
    {
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(given);
        var keys = new DbConnectionStringBuilder { ConnectionString = given }.Keys.Cast<string>()
            .Select(k => k.Replace(" ", "", StringComparison.Ordinal)).ToList();
        bool Given(params string[] names) => keys.Any(k => names.Contains(k, StringComparer.OrdinalIgnoreCase));
        if (!Given("MaxAutoPrepare"))
        {
            builder.MaxAutoPrepare = DefaultMaxAutoPrepare;
        }

        if (!Given("NoResetOnClose"))
        {
            builder.NoResetOnClose = DefaultNoResetOnClose;
        }

        if (!Given("MaximumPoolSize", "MaxPoolSize"))
        {
            // Never under a minimum the operator set: Npgsql refuses such a pool.
            builder.MaxPoolSize = Math.Max(DefaultMaxPoolSize, builder.MinPoolSize);
        }

        if (!Given("MinimumPoolSize", "MinPoolSize"))
        {
            builder.MinPoolSize = Math.Min(DefaultMinPoolSize, builder.MaxPoolSize);
        }

        return builder.ConnectionString;
    }

    public static async Task MigrateAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HallDbContext>();
        await db.Database.MigrateAsync(cancellationToken);
        if (db.Database.IsSqlite())
        {
            // WAL lets readers go on while one writer commits; it is a property of the file.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }
    }

    // Durable commits (synchronous=FULL: an acknowledged write survives power loss), foreign
    // keys on, and a wait instead of an error when another connection holds the write lock.
    // They are settings of the physical connection, which the pool keeps open between uses, so
    // they are sent once per physical connection, not on every open (each query without a
    // transaction opens one: that was three statements more per query).
    private sealed class SqlitePragmas : DbConnectionInterceptor
    {
        private const string Pragmas = "PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; PRAGMA busy_timeout=10000;";
        private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<object, object> Prepared = [];

        public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
        {
            if (!IsPrepared(connection))
            {
                using var command = connection.CreateCommand();
                command.CommandText = Pragmas;
                command.ExecuteNonQuery();
                MarkPrepared(connection);
            }
        }

        // Not cancellable: a connection is marked only once its pragmas have really run.
        public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            if (!IsPrepared(connection))
            {
                await using var command = connection.CreateCommand();
                command.CommandText = Pragmas;
                await command.ExecuteNonQueryAsync(CancellationToken.None);
                MarkPrepared(connection);
            }
        }

        // The native handle is the physical connection: the same while the pool reuses it. One
        // physical connection is used by one request at a time, so check-then-mark is safe.
        private static bool IsPrepared(DbConnection connection) =>
            connection is Microsoft.Data.Sqlite.SqliteConnection { Handle: { } handle } && Prepared.TryGetValue(handle, out _);

        private static void MarkPrepared(DbConnection connection)
        {
            if (connection is Microsoft.Data.Sqlite.SqliteConnection { Handle: { } handle })
            {
                Prepared.AddOrUpdate(handle, Pragmas);
            }
        }
    }
}
