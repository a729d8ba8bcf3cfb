using System.Text.Json.Nodes;
using GovHall.Core.Accounts;
using GovHall.Core.Catalog;
using Microsoft.EntityFrameworkCore;

namespace GovHall.Core.Cases;

// Starts a person's application (在线办理, step 1): a draft for the situation chosen and who
// applies (oneself, or an organisation one acts for), with what the profile already knows.
public sealed class StartDraft(HallDbContext db, PersonalData personal, AccountLookup lookup, CasesSettings settings, TimeProvider clock)
{
    // What the start page offers: the item's current version, and the organisations the person
    // may apply for.
    public async Task<(PublishedItem Item, IReadOnlyList<Organization> Organizations)?> ChoicesAsync(Guid accountId, string itemCode, CancellationToken cancellationToken)
    {
        var found = await ItemQueries.CurrentAsync(db, itemCode, cancellationToken);
        if (!found.Succeeded)
        {
            return null;
        }

        var organizations = await Memberships.OrganizationsOf(db, accountId).AsNoTracking().OrderBy(o => o.Name).ToListAsync(cancellationToken);
        return (found.Value!, organizations);
    }

    // A draft started with a key (chosen by the start page) is started once per choice: its id
    // is derived from the key, the item, the situation and the applicant, so the same press
    // again answers with the draft it made while that draft is open, and another choice made
    // on a page gone back to makes (once) another draft.
    public async Task<Result<ApplicationDraft>> RunAsync(
        Guid accountId, string itemCode, string situation, Guid? organizationId, CancellationToken cancellationToken, Guid? key = null)
    {
        var request = (itemCode, situation, organizationId);
        Guid? keyed = key is { } given ? DraftIdOf(given, request) : null;
        if (keyed is { } known && await StartedAsync(known, accountId, request, cancellationToken) is { } again)
        {
            return again;
        }

        var account = await db.Users.SingleOrDefaultAsync(a => a.Id == accountId && a.Kind == AccountKind.Person, cancellationToken);
        if (account is null)
        {
            return Error.NotFound("account.not_found", "只有个人账户可以申请办理。");
        }

        Organization? organization = null;
        if (organizationId is { } orgId)
        {
            organization = await Memberships.OrganizationActedForAsync(db, orgId, accountId, cancellationToken);
            if (organization is null)
            {
                // A member of an organisation not yet verified is told what it waits for.
                return await db.OrganizationMembers.AnyAsync(m => m.OrganizationId == orgId && m.AccountId == accountId, cancellationToken)
                    ? Organizations.NotVerified
                    : Organizations.NotFound;
            }
        }

        var found = await ItemQueries.CurrentAsync(db, itemCode, cancellationToken);
        if (!found.Succeeded)
        {
            return ApplyErrors.Unavailable(found.Errors[0]);
        }

        var published = found.Value!;
        var content = published.Content;
        if (ApplicationRules.Blocking(content, organization is null ? ApplicantType.Person : ApplicantType.Organization, situation) is { } blocked)
        {
            return blocked;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var draft = new ApplicationDraft
        {
            Id = keyed is { } id && !await db.ApplicationDrafts.AnyAsync(d => d.Id == id, cancellationToken) ? id : Guid.CreateVersion7(),
            ItemId = published.Item.Id,
            ItemCode = content.Code,
            ItemName = content.Name,
            Situation = situation,
            AccountId = accountId,
            OrganizationId = organization?.Id,
            CreatedAt = now,
            UpdatedAt = now,
            ExpiresAt = now.AddDays(settings.DraftDays),
        };
        draft.AnswersProtected = personal.Protect(Prefill(content.Form, account, organization).ToJsonString());
        db.ApplicationDrafts.Add(draft);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException) when (keyed is not null)
        {
            // The same key at the same moment: the other request made the draft.
            db.ChangeTracker.Clear();
            if (await StartedAsync(keyed.Value, accountId, request, cancellationToken) is { } made)
            {
                return made;
            }

            throw;
        }

        return draft;
    }

    // A name-based id (RFC 9562 version 8) of the start key and the choice made with it.
    private static Guid DraftIdOf(Guid key, (string Item, string Situation, Guid? Organization) request)
    {
        var hash = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"{key:N}\n{request.Item}\n{request.Situation}\n{request.Organization:N}"));
        hash[6] = (byte)((hash[6] & 0x0F) | 0x80);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16), bigEndian: true);
    }

    private async Task<ApplicationDraft?> StartedAsync(Guid key, Guid accountId, (string Item, string Situation, Guid? Organization) request, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var draft = await db.ApplicationDrafts.AsNoTracking().SingleOrDefaultAsync(
            d => d.Id == key && d.AccountId == accountId && d.SubmittedCaseId == null && d.ExpiresAt > now, cancellationToken);
        return draft is not null && draft.ItemCode == request.Item && draft.Situation == request.Situation && draft.OrganizationId == request.Organization ? draft : null;
    }

    private JsonObject Prefill(ApplicationForm form, Account account, Organization? organization)
    {
        var revealed = lookup.Reveal(account);
        var answers = new JsonObject();
        foreach (var field in form.Fields.Where(f => f.Prefill is not null))
        {
            var value = field.Prefill switch
            {
                PrefillSource.PersonName => account.DisplayName,
                PrefillSource.PersonIdNumber => revealed?.IdNumber,
                PrefillSource.PersonPhone => revealed?.Phone,
                PrefillSource.PersonEmail => account.Email,
                PrefillSource.OrganizationName => organization?.Name,
                PrefillSource.OrganizationCreditCode => organization?.CreditCode,
                PrefillSource.OrganizationLegalRepresentative => organization?.LegalRepresentative,
                _ => null,
            };
            if (!string.IsNullOrEmpty(value))
            {
                answers[field.Key] = value;
            }
        }

        return answers;
    }
}
