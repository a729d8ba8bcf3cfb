using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace GovHall.Core.Cases;

public static class CasesServices
{
    public static IServiceCollection AddCases(this IServiceCollection services, CasesSettings settings)
    {
        services.AddSingleton(settings);
        services.TryAddSingleton<WriteTurns>();
        services.TryAddSingleton<HallMetrics>();
        services.AddScoped<OpenCase>();
        services.AddScoped<SubmitApplication>();
        services.AddScoped<Drafts>();
        services.AddScoped<StartDraft>();
        services.AddScoped<SaveDraftAnswers>();
        services.AddScoped<ChangeDraftSituation>();
        services.AddScoped<DraftMaterials>();
        services.AddScoped<SubmitDraft>();
        services.AddScoped<CaseStatusQuery>();
        services.TryAddSingleton(new VerificationSettings(VerificationLimit.DefaultPerDay));
        services.AddScoped<VerificationLimit>();
        services.AddScoped<QueryUnlock>();
        services.AddScoped<RevealPersonalData>();
        services.AddScoped<CaseAnswers>();
        services.AddScoped<DataAccessRecords>();
        services.TryAddScoped<GuessCounts>();
        services.AddScoped<CaseReceipt>();
        services.AddScoped<MyCases>();
        services.AddScoped<CaseFiles>();
        services.AddScoped<PartnerCases>();
        services.AddScoped<PartnerApplication>();
        services.AddScoped<CaseOffice>();
        services.AddScoped<CaseNotifications>();
        services.AddScoped<HandleCase>();
        services.AddScoped<StaffCases>();
        services.AddScoped<RecountDeadlines>();
        return services;
    }
}
