using GovHall.Web.Hosting.Data;
using Microsoft.Extensions.Options;

namespace GovHall.Web.Hosting.Startup;

// The settings of docs/operations.md#configuration. Validated before anything starts: a wrong value stops
// the process with a message that names the setting.
public sealed class HallOptions
{
    public const string Section = "GovHall";

    public string DataDirectory { get; set; } = "./data";
    public DatabaseOptions Database { get; set; } = new();
    public bool Demo { get; set; }

    // The hall's public address (https://hall.example.gov.cn), printed in QR codes of receipts,
    // notices and certificates that outlive the request; unset: taken from each request.
    public string? PublicUrl { get; set; }

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

        string[] counts =
        [
            "GovHall:RateLimits:PerMinute", "GovHall:RateLimits:QueriesPerMinute", "GovHall:RateLimits:VerificationsPerCodePerDay",
            "GovHall:RateLimits:VerificationsPerAddressPerDay", "GovHall:RateLimits:PasswordsPerAddress", "GovHall:RateLimits:PasswordsPerAccountPerDay",
            "GovHall:Codes:PerAddressPerHour", "GovHall:Cases:RevealsPerHour", "GovHall:Cases:DraftDays", "GovHall:Cases:YellowDays", "GovHall:Cases:CorrectionDays",
        ];
        foreach (var key in counts)
        {
            if (configuration[key] is { } text && (!int.TryParse(text, out var number) || number < 1))
            {
                failures.Add($"{key} must be a whole number of at least 1, not '{text}'.");
            }
        }

        if (configuration["GovHall:Tokens:AccessTokenLifetime"] is { } lifetime
            && (!TimeSpan.TryParse(lifetime, System.Globalization.CultureInfo.InvariantCulture, out var span) || span <= TimeSpan.Zero))
        {
            failures.Add($"GovHall:Tokens:AccessTokenLifetime must be a positive time span such as 00:30:00, not '{lifetime}'.");
        }

        if (configuration.GetValue<bool>(BenchEndpoints.Setting) && environment.IsProduction())
        {
            failures.Add($"{BenchEndpoints.Setting} must not be true in Production: its endpoints are for the load benchmark only.");
        }

        if (options.PublicUrl is { Length: > 0 } publicUrl
            && (!Uri.TryCreate(publicUrl, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.Query.Length > 0 || uri.Fragment.Length > 0))
        {
            failures.Add($"GovHall:PublicUrl must be an absolute http or https address without query, such as https://hall.example.gov.cn, not '{publicUrl}'.");
        }

        if (options.Demo && environment.IsProduction())
        {
            failures.Add("GovHall:Demo must not be true in Production: demo accounts have published passwords.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
