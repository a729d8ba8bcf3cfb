using System.Data.Common;
using GovHall.Core;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace GovHall.Web.Hosting;

public static class Database
{
    public static IServiceCollection AddHallDatabase(this IServiceCollection services, HallOptions options, IConfiguration configuration)
    {
        services.AddDbContext<HallDbContext>(db =>
        {
            switch (options.Database.ProviderKind)
            {
                case DatabaseProvider.Sqlite:
                    db.UseSqlite(options.SqliteConnectionString, x => x.MigrationsAssembly("GovHall.Migrations.Sqlite"))
                        .AddInterceptors(new SqlitePragmas());
                    db.UseOpenIddict<Guid>();
                    break;
                case DatabaseProvider.Postgres:
                    db.UseNpgsql(configuration.GetConnectionString("GovHall"), x => x.MigrationsAssembly("GovHall.Migrations.Postgres"));
                    db.UseOpenIddict<Guid>();
                    break;
            }
        });
        return services;
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
    private sealed class SqlitePragmas : DbConnectionInterceptor
    {
        private const string Pragmas = "PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; PRAGMA busy_timeout=10000;";

        public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
        {
            using var command = connection.CreateCommand();
            command.CommandText = Pragmas;
            command.ExecuteNonQuery();
        }

        public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = Pragmas;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }
}
