using Microsoft.Extensions.Options;

namespace GovHall.Web.Hosting;

// The settings of ../shared/CONTRACT.md. Validated before anything starts: a wrong value stops
// the process with a message that names the setting.
public sealed class HallOptions
{
    public const string Section = "GovHall";

    public string DataDirectory { get; set; } = "./data";
    public DatabaseOptions Database { get; set; } = new();
    public bool Demo { get; set; }

    public string SqliteConnectionString => $"Data Source={Path.Combine(DataDirectory, "govhall.db")};Pooling=True";
}

public sealed class DatabaseOptions
{
    public string Provider { get; set; } = DatabaseProvider.Sqlite.ToString();
    public bool MigrateOnStart { get; set; } = true;

    public DatabaseProvider ProviderKind => Enum.Parse<DatabaseProvider>(Provider, ignoreCase: true);
}

public enum DatabaseProvider { Sqlite, Postgres }

public sealed class HallOptionsValidator(IConfiguration configuration, IHostEnvironment environment) : IValidateOptions<HallOptions>
{
    public ValidateOptionsResult Validate(string? name, HallOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.DataDirectory))
        {
            failures.Add("GovHall:DataDirectory must name a folder (default ./data).");
        }

        if (!Enum.TryParse<DatabaseProvider>(options.Database.Provider, ignoreCase: true, out var provider)
            || !Enum.IsDefined(provider) || int.TryParse(options.Database.Provider, out _))
        {
            failures.Add($"GovHall:Database:Provider must be Sqlite or Postgres, not '{options.Database.Provider}'.");
        }
        else if (provider == DatabaseProvider.Postgres && string.IsNullOrWhiteSpace(configuration.GetConnectionString("GovHall")))
        {
            failures.Add("ConnectionStrings:GovHall is required when GovHall:Database:Provider is Postgres.");
        }

        if (configuration["GovHall:RateLimits:PerMinute"] is { } perMinute && (!int.TryParse(perMinute, out var limit) || limit < 1))
        {
            failures.Add($"GovHall:RateLimits:PerMinute must be a whole number of at least 1, not '{perMinute}'.");
        }

        if (options.Demo && environment.IsProduction())
        {
            failures.Add("GovHall:Demo must not be true in Production: demo accounts have published passwords.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
