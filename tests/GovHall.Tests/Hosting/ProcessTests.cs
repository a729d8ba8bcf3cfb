using System.Diagnostics;
using Microsoft.Data.Sqlite;

namespace GovHall.Tests.Hosting;

// Starts the real built program, as an operator would, to check what it does with its settings.
public sealed class ProcessTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static string WebDll()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "GovHall.slnx")))
        {
            directory = directory.Parent;
        }

        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        var dll = Path.Combine(directory!.FullName, "src", "GovHall.Web", "bin", configuration, "net10.0", "GovHall.Web.dll");
        Assert.True(File.Exists(dll), $"{dll} is not built");
        return dll;
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(Dictionary<string, string> environment, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add(WebDll());
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(Cancel);
        var error = process.StandardError.ReadToEndAsync(Cancel);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Cancel);
        // A guard against a hang, not a measure: a first start migrates a new database and
        // hashes a password, which took over a minute on a busy 2-core machine.
        timeout.CancelAfter(TimeSpan.FromMinutes(3));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return (process.ExitCode, await output + await error);
    }

    private static string TempFolder() => Path.Combine(Path.GetTempPath(), "govhall-tests", Guid.NewGuid().ToString("N"));

    [Theory]
    [InlineData("GovHall__Database__Provider", "Oracle", "GovHall:Database:Provider")]
    [InlineData("GovHall__Database__Provider", "Postgres", "ConnectionStrings:GovHall")]
    [InlineData("GovHall__ReverseProxy__KnownProxies", "10.0.0.300", "GovHall:ReverseProxy:KnownProxies")]
    [InlineData("GovHall__RateLimits__PerMinute", "many", "GovHall:RateLimits:PerMinute")]
    [InlineData("GovHall__RateLimits__QueriesPerMinute", "0", "GovHall:RateLimits:QueriesPerMinute")]
    [InlineData("GovHall__RateLimits__VerificationsPerCodePerDay", "0", "GovHall:RateLimits:VerificationsPerCodePerDay")]
    [InlineData("GovHall__RateLimits__PasswordsPerAddress", "0", "GovHall:RateLimits:PasswordsPerAddress")]
    [InlineData("GovHall__Codes__PerAddressPerHour", "lots", "GovHall:Codes:PerAddressPerHour")]
    [InlineData("GovHall__Cases__RevealsPerHour", "-3", "GovHall:Cases:RevealsPerHour")]
    [InlineData("GovHall__Cases__DraftDays", "-1", "GovHall:Cases:DraftDays")]
    [InlineData("GovHall__Tokens__AccessTokenLifetime", "soon", "GovHall:Tokens:AccessTokenLifetime")]
    [InlineData("GovHall__Documents__CjkFontFile", "/nowhere/font.ttf", "GovHall:Documents:CjkFontFile")]
    [InlineData("GovHall__Metrics__Token", "too-short", "GovHall:Metrics:Token")]
    public async Task Start_WithAWrongSetting_StopsAndNamesTheSetting(string key, string value, string named)
    {
        var (exitCode, output) = await RunAsync(new() { [key] = value, ["GovHall__DataDirectory"] = TempFolder(), ["ASPNETCORE_ENVIRONMENT"] = "Development" });
        Assert.NotEqual(0, exitCode);
        Assert.Contains(named, output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_DemoInProduction_IsRefused()
    {
        var (exitCode, output) = await RunAsync(new() { ["GovHall__Demo"] = "true", ["GovHall__DataDirectory"] = TempFolder(), ["ASPNETCORE_ENVIRONMENT"] = "Production" });
        Assert.NotEqual(0, exitCode);
        Assert.Contains("GovHall:Demo", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_BenchEndpointsInProduction_AreRefused()
    {
        var (exitCode, output) = await RunAsync(new() { ["GovHall__Bench__Enabled"] = "true", ["GovHall__DataDirectory"] = TempFolder(), ["ASPNETCORE_ENVIRONMENT"] = "Production" });
        Assert.NotEqual(0, exitCode);
        Assert.Contains("GovHall:Bench:Enabled", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateAdmin_ThenAnotherKey_IsRefusedWithAClearMessage()
    {
        var folder = TempFolder();
        var key = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        var settings = new Dictionary<string, string>
        {
            ["GovHall__DataDirectory"] = folder, ["ASPNETCORE_ENVIRONMENT"] = "Production", ["GovHall__PersonalData__Key"] = key,
            ["GOVHALL_ADMIN_PASSWORD"] = "First#Admin2026",
        };
        var (exitCode, output) = await RunAsync(settings, "create-admin", "chief");
        Assert.True(exitCode == 0, output);
        await using (var connection = new SqliteConnection($"Data Source={Path.Combine(folder, "govhall.db")};Mode=ReadOnly;Pooling=False"))
        {
            await connection.OpenAsync(Cancel);
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT count(*) FROM AspNetUsers u JOIN AspNetUserRoles ur ON ur.UserId = u.Id JOIN AspNetRoles r ON r.Id = ur.RoleId WHERE u.UserName = 'chief' AND r.Name = 'SystemAdministrator'";
            Assert.Equal(1L, (long)(await command.ExecuteScalarAsync(Cancel))!);
        }

        settings["GovHall__PersonalData__Key"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        var (wrongKeyExit, wrongKeyOutput) = await RunAsync(settings, "migrate-check-only-not-a-command");
        Assert.NotEqual(0, wrongKeyExit);
        Assert.Contains("not the one this database was encrypted with", wrongKeyOutput, StringComparison.Ordinal);
        Directory.Delete(folder, recursive: true);
    }

    // The commands an operator registers a partner system with; what the registration does is
    // in PartnerClientTests.
    [Fact]
    public async Task AddPartner_RegistersTheClient_WithTheSecretFromTheEnvironment()
    {
        var folder = TempFolder();
        var settings = new Dictionary<string, string>
        {
            ["GovHall__DataDirectory"] = folder, ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["GovHall__PersonalData__Key"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)),
        };
        var (refusedExit, refusedOutput) = await RunAsync(settings, "add-partner", "district-hall", "区网上政务大厅", "cases.submit");
        Assert.Equal(1, refusedExit);
        Assert.Contains("GOVHALL_PARTNER_SECRET", refusedOutput, StringComparison.Ordinal);

        settings["GOVHALL_PARTNER_SECRET"] = "a-secret-of-the-district-hall-0001";
        var (exitCode, output) = await RunAsync(settings, "add-partner", "district-hall", "区网上政务大厅", "cases.submit", "cases.read");
        Assert.True(exitCode == 0, output);
        Assert.DoesNotContain("a-secret-of-the-district-hall-0001", output, StringComparison.Ordinal);
        await using (var connection = new SqliteConnection($"Data Source={Path.Combine(folder, "govhall.db")};Mode=ReadOnly;Pooling=False"))
        {
            await connection.OpenAsync(Cancel);
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT DisplayName || ' ' || Permissions || ' ' || (ClientSecret <> 'a-secret-of-the-district-hall-0001') FROM OpenIddictApplications WHERE ClientId = 'district-hall'";
            var row = (string)(await command.ExecuteScalarAsync(Cancel))!;
            Assert.StartsWith("区网上政务大厅 ", row, StringComparison.Ordinal);
            Assert.Contains("scp:cases.submit", row, StringComparison.Ordinal);
            Assert.Contains("scp:cases.read", row, StringComparison.Ordinal);
            Assert.EndsWith(" 1", row, StringComparison.Ordinal);
        }

        var (removedExit, removedOutput) = await RunAsync(settings, "remove-partner", "district-hall");
        Assert.True(removedExit == 0, removedOutput);
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task Start_WithAMalformedPersonalDataKey_NamesTheSetting()
    {
        var (exitCode, output) = await RunAsync(new() { ["GovHall__PersonalData__Key"] = "not-base64!", ["GovHall__DataDirectory"] = TempFolder() });
        Assert.NotEqual(0, exitCode);
        Assert.Contains("GovHall:PersonalData:Key", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Migrate_OnAnEmptyFolder_CreatesTheSchemaAndExits()
    {
        var folder = TempFolder();
        var (exitCode, output) = await RunAsync(new() { ["GovHall__DataDirectory"] = folder, ["ASPNETCORE_ENVIRONMENT"] = "Production" }, "migrate");
        Assert.True(exitCode == 0, output);
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(folder, "govhall.db")};Mode=ReadOnly");
        await connection.OpenAsync(Cancel);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN ('service_items', 'service_item_versions', 'catalog_changes', '__EFMigrationsHistory')";
        Assert.Equal(4L, (long)(await command.ExecuteScalarAsync(Cancel))!);
        command.CommandText = "SELECT count(*) FROM service_items";
        Assert.Equal(0L, (long)(await command.ExecuteScalarAsync(Cancel))!);
        SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }
}
