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
        services.AddScoped<SubmitApplication>();
        services.AddScoped<Applications>();
        services.AddScoped<DraftMaterials>();
        services.AddScoped<CaseStatusQuery>();
        services.TryAddSingleton(new VerificationSettings(VerificationLimit.DefaultPerDay));
        services.AddScoped<VerificationLimit>();
        services.AddScoped<CaseReceipt>();
        services.AddScoped<MyCases>();
        services.AddScoped<PartnerSubmission>();
        services.AddScoped<HandleCase>();
        services.AddScoped<StaffCases>();
        return services;
    }
}
