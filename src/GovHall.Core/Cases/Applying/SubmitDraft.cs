using GovHall.Core.Accounts;
using GovHall.Core.Catalog;
using Microsoft.EntityFrameworkCore;

namespace GovHall.Core.Cases;

// Submits a person's draft (在线办理, step 4) through SubmitApplication: the draft, its account
// and organisation turned into one submission, once however often the button is pressed;
// afterwards the draft keeps only its pointer to the case.
public sealed class SubmitDraft(HallDbContext db, Drafts drafts, AccountLookup lookup, SubmitApplication submit)
{
    // Submits the draft; a second submit (double click, retry) returns the same case.
    public async Task<Result<Submitted>> RunAsync(Guid draftId, Guid accountId, bool declared, CancellationToken cancellationToken)
    {
        var loaded = await drafts.LoadAsync(draftId, accountId, cancellationToken);
        if (!loaded.Succeeded)
        {
            return Result<Submitted>.Fail(loaded.Errors);
        }

        var view = loaded.Value!;
        if (view.Draft.SubmittedCaseId is { } caseId)
        {
            return submit.Replayed(await db.Cases.AsNoTracking().SingleAsync(c => c.Id == caseId, cancellationToken));
        }

        if (!declared)
        {
            return ApplyErrors.DeclarationRequired;
        }

        var account = await db.Users.SingleAsync(a => a.Id == accountId, cancellationToken);
        var organization = view.Draft.OrganizationId is { } orgId
            ? await Memberships.OrganizationActedForAsync(db, orgId, accountId, cancellationToken)
            : null;
        if (view.Draft.OrganizationId is not null && organization is null)
        {
            return Organizations.NotFound;
        }

        var revealed = lookup.Reveal(account);
        if (revealed is not { Phone.Length: > 0 })
        {
            return new Error("applicant.no_phone", "您的账户还没有登记手机号码，请先在“我的账户”中补充后再提交。");
        }

        var submission = new Submission(
            view.Content.Code,
            view.Draft.Situation,
            Applicant(account, organization, revealed.Value.IdNumber, revealed.Value.Phone),
            view.Answers,
            view.FilesToSubmit(),
            CaseChannel.Online,
            $"draft:{view.Draft.Id}",
            organization is null ? $"{account.DisplayName}（申请人）" : $"{account.DisplayName}（{organization.Name}经办人）")
        {
            Declared = declared,
        };
        var result = await submit.RunAsync(submission, cancellationToken);
        if (!result.Succeeded && result.Errors[0].Code == ApplyErrors.KeyReused.Code)
        {
            // A second click read the draft while the first was clearing it after submitting:
            // the key is this draft's own, so its one case is the answer.
            var made = await db.Cases.AsNoTracking().SingleAsync(c => c.SubmissionKey == submission.SubmissionKey, cancellationToken);
            return submit.Replayed(made);
        }

        if (result.Succeeded)
        {
            // The answers now live (encrypted) on the case; the draft keeps only its pointer. Like
            // the case's own write, this is finished even if the person has left meanwhile.
            await db.ApplicationDrafts.Where(d => d.Id == view.Draft.Id)
                .ExecuteUpdateAsync(set => set.SetProperty(d => d.SubmittedCaseId, result.Value!.Case.Id).SetProperty(d => d.AnswersProtected, (string?)null), CancellationToken.None);
            await db.DraftFiles.Where(f => f.DraftId == view.Draft.Id).ExecuteDeleteAsync(CancellationToken.None);
        }

        return result;
    }

    private static ApplicantSnapshot Applicant(Account account, Organization? organization, string idNumber, string phone) =>
        organization is null
            ? new ApplicantSnapshot(ApplicantType.Person, account.DisplayName, idNumber, null, null, phone, account.Id, null)
            : new ApplicantSnapshot(ApplicantType.Organization, organization.Name, idNumber, organization.CreditCode, account.DisplayName, phone, account.Id, organization.Id);
}
