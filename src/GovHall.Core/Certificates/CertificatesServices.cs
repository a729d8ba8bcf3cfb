using Microsoft.Extensions.DependencyInjection;

namespace GovHall.Core.Certificates;

public static class CertificatesServices
{
    public static IServiceCollection AddCertificates(this IServiceCollection services, CertificateSettings settings, string dataDirectory)
    {
        services.AddSingleton(settings);
        services.AddSingleton(provider => new CertificateKeys(settings, dataDirectory, provider.GetRequiredService<TimeProvider>()));
        services.AddScoped<CertificateService>();
        return services;
    }
}
