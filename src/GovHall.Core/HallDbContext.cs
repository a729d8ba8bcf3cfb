using GovHall.Core.Accounts;
using GovHall.Core.Catalog;
using GovHall.Core.Storage;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace GovHall.Core;

public sealed class HallDbContext(DbContextOptions<HallDbContext> options)
    : IdentityDbContext<Account, IdentityRole<Guid>, Guid>(options), IDataProtectionKeyContext
{
    public DbSet<ServiceItem> ServiceItems => Set<ServiceItem>();
    public DbSet<ServiceItemVersion> ServiceItemVersions => Set<ServiceItemVersion>();
    public DbSet<CatalogChange> CatalogChanges => Set<CatalogChange>();
    public DbSet<StoredFile> StoredFiles => Set<StoredFile>();
    public DbSet<HallSetting> HallSettings => Set<HallSetting>();
    public DbSet<Calendar.CalendarDay> CalendarDays => Set<Calendar.CalendarDay>();
    public DbSet<Calendar.CalendarYear> CalendarYears => Set<Calendar.CalendarYear>();
    public DbSet<Department> Departments => Set<Department>();
    public DbSet<Organization> Organizations => Set<Organization>();
    public DbSet<KnownInstitution> KnownInstitutions => Set<KnownInstitution>();
    public DbSet<OrganizationDocument> OrganizationDocuments => Set<OrganizationDocument>();
    public DbSet<OrganizationMember> OrganizationMembers => Set<OrganizationMember>();
    public DbSet<AuthSession> AuthSessions => Set<AuthSession>();
    public DbSet<OneTimeCode> OneTimeCodes => Set<OneTimeCode>();
    public DbSet<Audit.AuditEntry> AuditEntries => Set<Audit.AuditEntry>();
    public DbSet<Messages.MailboxMessage> MailboxMessages => Set<Messages.MailboxMessage>();
    public DbSet<Cases.Case> Cases => Set<Cases.Case>();
    public DbSet<Cases.CaseEvent> CaseEvents => Set<Cases.CaseEvent>();
    public DbSet<Cases.PersonalDataReveal> PersonalDataReveals => Set<Cases.PersonalDataReveal>();
    public DbSet<Cases.CaseAnswerVersion> CaseAnswerVersions => Set<Cases.CaseAnswerVersion>();
    public DbSet<Cases.CaseFile> CaseFiles => Set<Cases.CaseFile>();
    public DbSet<Cases.CaseNumberCounter> CaseNumberCounters => Set<Cases.CaseNumberCounter>();
    public DbSet<GuessCount> GuessCounts => Set<GuessCount>();
    public DbSet<Cases.ApplicationDraft> ApplicationDrafts => Set<Cases.ApplicationDraft>();
    public DbSet<Cases.DraftFile> DraftFiles => Set<Cases.DraftFile>();
    public DbSet<Cases.CaseDocument> CaseDocuments => Set<Cases.CaseDocument>();
    public DbSet<Certificates.Certificate> Certificates => Set<Certificates.Certificate>();
    public DbSet<Notifications.Notification> Notifications => Set<Notifications.Notification>();
    public DbSet<Notifications.NotificationAttempt> NotificationAttempts => Set<Notifications.NotificationAttempt>();
    public DbSet<Notifications.InboxMessage> InboxMessages => Set<Notifications.InboxMessage>();
    public DbSet<Notifications.NotificationPreference> NotificationPreferences => Set<Notifications.NotificationPreference>();
    public DbSet<Notifications.NotificationTemplate> NotificationTemplates => Set<Notifications.NotificationTemplate>();
    public DbSet<DataProtectionKey> DataProtectionKeys { get; set; } = null!;

    // SQLite has one writer for the whole database; the core, which does not reference the
    // SQLite provider, tells it apart by the provider's name (WriteTurns, case numbers).
    public bool OnSqlite => Database.ProviderName == "Microsoft.EntityFrameworkCore.Sqlite";

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(HallDbContext).Assembly);
    }
}
