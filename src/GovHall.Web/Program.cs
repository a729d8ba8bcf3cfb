using GovHall.Core;
using GovHall.Core.Accounts;
using GovHall.Core.Calendar;
using GovHall.Core.Cases;
using GovHall.Core.Certificates;
using GovHall.Core.Notifications;
using GovHall.Core.Catalog;
using GovHall.Core.Storage;
using GovHall.Web.Api;
using GovHall.Web.Hosting.Data;
using GovHall.Web.Hosting.Startup;
using GovHall.Web.Hosting.Workers;
using GovHall.Web.Pages.Account.Me;
using GovHall.Web.Pages.Shared;
using GovHall.Web.Pages.Staff;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

var builder = WebApplication.CreateBuilder(args);
var migrateOnly = args.Length > 0 && args[0] == "migrate";

builder.Services.AddOptions<HallOptions>().Bind(builder.Configuration.GetSection(HallOptions.Section)).ValidateOnStart();
builder.Services.AddSingleton<IValidateOptions<HallOptions>, HallOptionsValidator>();
var hall = builder.Configuration.GetSection(HallOptions.Section).Get<HallOptions>() ?? new HallOptions();
var validation = new HallOptionsValidator(builder.Configuration, builder.Environment).Validate(null, hall);
var personalDataKey = PersonalDataKey.FromSetting(builder.Configuration, out var keyProblem);
var failures = (validation.Failures ?? []).Concat(keyProblem is null ? [] : [keyProblem]).ToList();
builder.Services.AddExternalIdentity(builder.Configuration, failures);
builder.Services.AddLegalPersonIdentity(builder.Configuration, failures);
var forwardedHeaders = ReverseProxy.Configure(builder.Configuration, failures);
Metrics.Check(builder.Configuration, failures);
if (builder.Configuration["GovHall:Documents:CjkFontFile"] is { Length: > 0 } cjkFont)
{
    if (File.Exists(cjkFont))
    {
        GovHall.Core.Documents.HallPdf.UseCjkFontFile(cjkFont);
    }
    else
    {
        failures.Add($"GovHall:Documents:CjkFontFile: the font file {cjkFont} does not exist.");
    }
}
if (failures.Count > 0)
{
#pragma warning disable RS0030 // The entry point may write to the console: logging is not set up yet.
    Console.Error.WriteLine("GovHall cannot start, the configuration is wrong:");
    foreach (var failure in failures)
    {
        Console.Error.WriteLine($"  {failure}");
    }
#pragma warning restore RS0030
    return 1;
}

var dataDirectory = Path.GetFullPath(hall.DataDirectory);
Directory.CreateDirectory(dataDirectory);
hall.DataDirectory = dataDirectory;

// The hall's own default request-body limit, in whole megabytes so that a refusal can name
// it (RequestProblems); pages that take uploads set their own with [RequestSizeLimit].
builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = RequestProblems.DefaultBodyLimit);
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddHallDatabase(hall, builder.Configuration);
builder.Services.AddSingleton<IFileStore>(new LocalFileStore(Path.Combine(dataDirectory, "files")));
builder.Services.AddCatalog();
builder.Services.AddWorkCalendar();
builder.Services.AddCases(builder.Configuration.GetSection("GovHall:Cases").Get<CasesSettings>() ?? new CasesSettings());
builder.Services.AddCertificates(builder.Configuration.GetSection("GovHall:Certificates").Get<CertificateSettings>() ?? new CertificateSettings(), dataDirectory);
builder.Services.AddSingleton(builder.Configuration.GetSection("GovHall:Codes").Get<CodeLimitSettings>() ?? new CodeLimitSettings());
builder.Services.AddAccounts(personalDataKey ?? PersonalDataKey.FromFile(dataDirectory));
var notificationSettings = builder.Configuration.GetSection("GovHall:Notifications").Get<NotificationSettings>() ?? new NotificationSettings();
notificationSettings.PublicUrl = hall.PublicUrl;
builder.Services.AddNotifications(notificationSettings);
if (!builder.Environment.IsDevelopment() && !builder.Environment.IsEnvironment("Testing"))
{
    // One-time codes leave by SMS and mail through the outbox (Production, Staging); the
    // development mailbox is for Development and Testing only.
    builder.Services.AddScoped<GovHall.Core.Messages.IMessageSender>(provider => provider.GetRequiredService<CodeOutbox>());
}
builder.Services.AddHttpClient<SmsChannel>(client => client.Timeout = TimeSpan.FromSeconds(20));
builder.Services.AddScoped<INotificationChannel>(provider => provider.GetRequiredService<SmsChannel>());
builder.Services.AddHostedService<NotificationWorker>();
builder.Services.AddHostedService<ReminderWorker>();
builder.Services.AddHostedService<ViewCountFlusher>();
builder.Services.AddHostedService<Housekeeping>();

builder.Services.AddHallIdentity();
builder.Services.AddPartnerTokens(builder.Configuration, builder.Environment, dataDirectory);
builder.Services.AddHallRateLimits(builder.Configuration);
builder.Services.AddHallMetrics(builder.Configuration);

// Chinese text is written as it is, not as &#x...; entities: smaller pages, readable source.
builder.Services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(encoder =>
    encoder.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
builder.Services.AddRazorPages(pages =>
{
    pages.Conventions.AuthorizeFolder("/Admin", Policies.Catalog);
    pages.Conventions.AuthorizeFolder("/SystemAdmin", Policies.System);
    pages.Conventions.AuthorizeFolder("/Account/Me", Policies.Person);
    pages.Conventions.AuthorizeFolder("/Apply", Policies.Person);
    pages.Conventions.AuthorizeFolder("/Staff", Policies.Handling);
    RateLimits.Apply(pages.Conventions);
    pages.Conventions.AddFolderApplicationModelConvention("/", model => model.Filters.Add(new AuditPrivilegedPosts()));
    pages.Conventions.AddPageRoute("/Admin/Items/Edit", "/admin/items/new");
    pages.Conventions.AddPageRoute("/SystemAdmin/Staff/Edit", "/system/staff/new");
}).AddMvcOptions(mvc =>
{
    // Required-ness is a rule of the core (ItemValidator), shown in place; a missing value is
    // not a binding failure.
    mvc.SuppressImplicitRequiredAttributeForNonNullableReferenceTypes = true;
});
builder.Services.AddAntiforgery(antiforgery => antiforgery.Cookie.Name = "govhall.af");
builder.Services.AddProblemDetails();
// A body an API cannot bind is thrown, and answered by RequestProblems with what was wrong.
builder.Services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(routes => routes.ThrowOnBadRequest = true);
// A member given twice (which value counts?) is refused as unreadable JSON, at any depth.
builder.Services.ConfigureHttpJsonOptions(json =>
{
    json.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter(namingPolicy: null, allowIntegerValues: false));
    json.SerializerOptions.AllowDuplicateProperties = false;
});
builder.Services.AddPublicHost(builder.Configuration, hall.PublicUrl);
builder.Services.AddOpenApi("v1", OpenApiDescription.Describe);
builder.Services.AddHealthChecks()
    .AddCheck("process", () => Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult.Healthy(), tags: ["live"])
    .AddDbContextCheck<HallDbContext>("database", tags: ["ready"])
    .AddCheck<MigrationsCurrentCheck>("migrations", tags: ["ready"])
    .AddCheck<CodeChannelsCheck>("code-channels", tags: ["ready"]);

var app = builder.Build();

if (migrateOnly)
{
    await Database.MigrateAsync(app.Services, CancellationToken.None);
    app.Logger.LogInformation("Database migrated");
    return 0;
}

if (hall.Database.MigrateOnStart)
{
    await Database.MigrateAsync(app.Services, CancellationToken.None);
}

if (await StartupTasks.RunAsync(app.Services, CancellationToken.None) is { } startProblem)
{
    app.Logger.LogCritical("{Problem}", startProblem);
    return 1;
}

if (args.Length > 0 && args[0] == "create-admin")
{
    var problem = await StartupTasks.CreateAdministratorAsync(
        app.Services, args.Length > 1 ? args[1] : null, Environment.GetEnvironmentVariable("GOVHALL_ADMIN_PASSWORD"), CancellationToken.None);
    if (problem is not null)
    {
        app.Logger.LogError("{Problem}", problem);
        return 1;
    }

    app.Logger.LogInformation("System administrator created; set up the second factor at the first sign-in");
    return 0;
}

if (args.Length > 0 && args[0] is "add-partner" or "remove-partner")
{
    var problem = args[0] == "add-partner"
        ? await PartnerClients.RegisterAsync(
            app.Services, args.ElementAtOrDefault(1), args.ElementAtOrDefault(2), args.Skip(3).ToList(),
            Environment.GetEnvironmentVariable(PartnerClients.SecretVariable), CancellationToken.None)
        : await PartnerClients.RemoveAsync(app.Services, args.ElementAtOrDefault(1), CancellationToken.None);
    if (problem is not null)
    {
        app.Logger.LogError("{Problem}", problem);
        return 1;
    }

    app.Logger.LogInformation("Partner client {ClientId} {Done}", args[1], args[0] == "add-partner" ? "registered" : "removed");
    return 0;
}

if (hall.Demo)
{
    await DemoData.SeedAsync(app.Services, app.Logger, CancellationToken.None);
    await DemoPartner.SeedAsync(app.Services, CancellationToken.None);
}

if (forwardedHeaders is not null)
{
    app.UseForwardedHeaders(forwardedHeaders);
}

app.UseQueryGuard();
app.UseSecurityHeaders();
app.UseHallMetrics();
if (!app.Environment.IsDevelopment())
{
    // No details leave the server; APIs get problem details, pages a plain Chinese apology.
    app.UseExceptionHandler(handler => handler.Run(context => Problems.WriteAsync(
        context, StatusCodes.Status500InternalServerError, "server.error", "很抱歉，系统暂时无法完成您的请求，请稍后再试；如问题持续，请拨打咨询电话。")));
    app.UseHsts();
    if (app.Environment.IsProduction())
    {
        app.UseHttpsRedirection();
        if (string.IsNullOrEmpty(hall.PublicUrl))
        {
            app.Logger.LogWarning("GovHall:PublicUrl is not set: the hall answers any Host header and builds the addresses in documents from it; set the public address (docs/operations.md#configuration)");
        }
    }
}

app.UseStatusCodePages(async context =>
{
    var http = context.HttpContext;
    if (http.Response.HasStarted || http.Response.ContentLength > 0 || http.Response.ContentType is not null)
    {
        return;
    }

    var (code, detail) = Problems.OfBareStatus(http.Response.StatusCode, http.Request.Path.StartsWithSegments("/api"));
    await Problems.WriteAsync(http, http.Response.StatusCode, code, detail);
});
app.UseStaticFiles();
app.UseRouting();
app.UseRequestProblems();
app.UseRateLimiter();
app.UseAuthentication();
app.UseAuthorization();
app.UseAntiforgery();

app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = c => c.Tags.Contains("live") });
app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready"), ResponseWriter = HealthAnswer.WriteAsync });
app.MapOpenApi("/openapi/{documentName}.json");
app.MapCatalogApi();
app.MapCalendarApi();
app.MapCasesApi();
app.MapCertificatesApi();
app.MapStaffCaseFiles();
app.MapMyCaseFiles();
app.MapNotificationEndpoints();
app.MapPartnerTokens();
app.MapFileDownloads();
if (builder.Configuration.GetValue<bool>(BenchEndpoints.Setting))
{
    app.MapBenchEndpoints();
}
app.MapRazorPages();

await app.RunAsync();
return 0;
