using Microsoft.EntityFrameworkCore;

using GovHall.Core.Accounts;

namespace GovHall.Core.Cases;

public sealed class ChangeDraftSituation(HallDbContext db, Drafts drafts, PersonalData personal, CasesSettings settings, TimeProvider clock)
{
    // Another situation for a draft (the person chose the wrong one): the answers stay, and the
    // files given for materials the new situation does not ask for are taken off the draft.
    // Answers the materials whose files went.
    public async Task<Result<IReadOnlyList<string>>> RunAsync(Guid draftId, Guid accountId, string? situation, CancellationToken cancellationToken)
    {
        var loaded = await drafts.LoadAsync(draftId, accountId, anySituation: true, cancellationToken);
        if (!loaded.Succeeded)
        {
            return Result<IReadOnlyList<string>>.Fail(loaded.Errors);
        }

        var view = loaded.Value!;
        if (view.Draft.SubmittedCaseId is not null)
        {
            return Error.Conflict("draft.submitted", "该申请已经提交，不能再更换办理情形。");
        }

        if (situation is null || view.Content.Situations.Count == 0 || !ApplicationRules.Offers(view.Content, situation))
        {
            return ApplyErrors.SituationUnknown;
        }

        if (situation == view.Draft.Situation)
        {
            return Result<IReadOnlyList<string>>.Ok([]);
        }

        var asked = CaseMaterials.For(view.Content, situation).Where(CaseMaterials.Uploadable).Select(m => m.Name).ToHashSet(StringComparer.Ordinal);
        var dropped = view.Files.Where(f => !asked.Contains(f.Material)).ToList();
        db.DraftFiles.RemoveRange(dropped);
        view.Draft.Situation = situation;
        view.Draft.Keep(personal.Protect(view.Answers.ToJsonString()), clock.GetUtcNow().UtcDateTime, settings.DraftDays);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return ApplyErrors.DraftChanged;
        }

        return Result<IReadOnlyList<string>>.Ok(dropped.Select(f => f.Material).Distinct().ToList());
    }
}
