using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace GovHall.Web.Hosting.Data;

public static class DemoPartner
{
    // The demo partner of docs/partner-api.md: district-hall-demo / demo-secret, all scopes.
    public static async Task SeedAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var manager = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
        if (await manager.FindByClientIdAsync("district-hall-demo", cancellationToken) is not null)
        {
            return;
        }

        var descriptor = new OpenIddictApplicationDescriptor
        {
            ClientId = "district-hall-demo",
            ClientSecret = "demo-secret",
            ClientType = ClientTypes.Confidential,
            DisplayName = "区网上政务大厅（演示）",
            Permissions = { Permissions.Endpoints.Token, Permissions.GrantTypes.ClientCredentials },
        };
        foreach (var partnerScope in PartnerScopes.All)
        {
            descriptor.Permissions.Add(Permissions.Prefixes.Scope + partnerScope);
        }

        await manager.CreateAsync(descriptor, cancellationToken);
    }
}
