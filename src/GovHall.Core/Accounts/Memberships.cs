using Microsoft.EntityFrameworkCore;

namespace GovHall.Core.Accounts;

// Who acts for which organisation (its administrator and its agents, 经办人): the one query
// every feature asks, so that "acts for" means the same everywhere. Only a verified
// organisation can be acted for; a pending one is seen on its own page only. The queryables
// compose into a caller's own query as a subquery (EF inlines them), so a list filtered by them
// is still one statement.
public static class Memberships
{
    // The verified organisations the account acts for, as their ids.
    public static IQueryable<Guid> OrganizationIdsOf(HallDbContext db, Guid accountId) =>
        db.OrganizationMembers.Where(m => m.AccountId == accountId)
            .Where(m => db.Organizations.Any(o => o.Id == m.OrganizationId && o.Status == OrganizationStatus.Verified))
            .Select(m => m.OrganizationId);

    // The organisations the account acts for.
    public static IQueryable<Organization> OrganizationsOf(HallDbContext db, Guid accountId)
    {
        var ids = OrganizationIdsOf(db, accountId);
        return db.Organizations.Where(o => ids.Contains(o.Id));
    }

    public static Task<bool> ActsForAsync(HallDbContext db, Guid organizationId, Guid accountId, CancellationToken cancellationToken) =>
        OrganizationIdsOf(db, accountId).AnyAsync(id => id == organizationId, cancellationToken);

    // The organisation, if the account acts for it; null otherwise (the caller says "not found").
    public static Task<Organization?> OrganizationActedForAsync(HallDbContext db, Guid organizationId, Guid accountId, CancellationToken cancellationToken) =>
        OrganizationsOf(db, accountId).SingleOrDefaultAsync(o => o.Id == organizationId, cancellationToken);
}
