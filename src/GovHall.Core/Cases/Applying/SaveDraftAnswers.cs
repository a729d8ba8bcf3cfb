using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;

using GovHall.Core.Accounts;

namespace GovHall.Core.Cases;

public sealed class SaveDraftAnswers(HallDbContext db, Drafts drafts, PersonalData personal, CasesSettings settings, TimeProvider clock)
{
    // Saves what the form page holds (its keys replace what was there, empty removes) and
    // returns everything still wrong or missing; what was typed is kept either way.
    public async Task<Result<IReadOnlyList<Error>>> RunAsync(
        Guid draftId, Guid accountId, JsonObject page, IReadOnlyCollection<string> pageKeys, CancellationToken cancellationToken)
    {
        var loaded = await drafts.LoadAsync(draftId, accountId, cancellationToken);
        if (!loaded.Succeeded)
        {
            return Result<IReadOnlyList<Error>>.Fail(loaded.Errors);
        }

        var view = loaded.Value!;
        if (view.Draft.SubmittedCaseId is not null)
        {
            return ApplyErrors.DraftSubmitted;
        }

        var answers = view.Answers;
        foreach (var key in pageKeys)
        {
            answers.Remove(key);
            if (page[key] is { } value)
            {
                answers[key] = value.DeepClone();
            }
        }

        view.Draft.Keep(personal.Protect(answers.ToJsonString()), clock.GetUtcNow().UtcDateTime, settings.DraftDays);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return ApplyErrors.DraftChanged;
        }

        var check = FormAnswers.Check(view.Content.Form, view.Draft.Situation, answers, ChinaDate.Today(clock), complete: true);
        return Result<IReadOnlyList<Error>>.Ok(check.Errors);
    }
}
