using Microsoft.Extensions.DependencyInjection;

namespace GovHall.Core.Cases;

public static class CasesServices
{
    public static IServiceCollection AddCases(this IServiceCollection services, CasesSettings settings)
    {
        services.AddSingleton(settings);
        services.AddSingleton<WriteTurns>();
        services.AddScoped<SubmitApplication>();
        services.AddScoped<Applications>();
        services.AddScoped<CaseStatusQuery>();
        services.AddScoped<CaseReceipt>();
        services.AddScoped<MyCases>();
        services.AddScoped<PartnerSubmission>();
        services.AddScoped<HandleCase>();
        services.AddScoped<StaffCases>();
        return services;
    }
}
