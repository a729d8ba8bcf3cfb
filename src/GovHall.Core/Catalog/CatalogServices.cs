using GovHall.Core.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace GovHall.Core.Catalog;

public static class CatalogServices
{
    public static IServiceCollection AddCatalog(this IServiceCollection services)
    {
        services.AddSingleton<CatalogIndex>();
        services.AddSingleton<ViewCounter>();
        services.AddScoped<SaveDraft>();
        services.AddScoped<PublishItem>();
        services.AddScoped<ChangeItemState>();
        services.AddScoped<ImportCatalog>();
        services.AddScoped<ExportCatalog>();
        services.AddScoped<StoreFile>();
        services.AddScoped<PublicCatalog>();
        services.AddScoped<EditableItems>();
        services.AddScoped<GuideFiles>();
        return services;
    }
}
