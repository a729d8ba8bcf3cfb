using System.Text.Json.Nodes;
using GovHall.Core.Accounts;
using GovHall.Core.Catalog;
using GovHall.Core.Codes;
using Microsoft.EntityFrameworkCore;

namespace GovHall.Core.Cases;

public sealed record DraftView(ApplicationDraft Draft, ItemContent Content, int ItemVersion, JsonObject Answers, IReadOnlyList<DraftFile> Files)
{
    public IReadOnlyList<RequiredMaterial> Materials => CaseMaterials.For(Content, Draft.Situation);

    // Valid certificates the hall issued to the applicant (or the organisation applied for).
    public IReadOnlyList<HeldCertificate> Held { get; init; } = [];

    // The held certificate that stands for a material (两个免于提交), if any; only when the
    // person has not uploaded files of their own for it.
    public HeldCertificate? CertificateFor(RequiredMaterial material) =>
        HeldCertificates.For(material, Held, Files.Any(f => f.Material == material.Name));

    // The files given, and for each material a held certificate stands for, that certificate's
    // PDF from the hall's own records.
    public IReadOnlyList<SubmittedFile> FilesToSubmit() =>
        Files.Select(f => new SubmittedFile(f.Material, f.FileName, f.Sha256, f.ContentType, f.Length))
            .Concat(Materials.Select(m => (Material: m, Held: CertificateFor(m))).Where(x => x.Held is not null)
                .Select(x => HeldCertificates.AsFile(x.Material, x.Held!)))
            .ToList();
}

public sealed record ReusableFile(string FileName, string Sha256, string ContentType, long Length);

// The answers and the applicant shown on the check page.
public sealed record DraftApplicant(string Applicant, string Contact);

// A person's drafts as the apply pages read them: a draft against its item's current version,
// for the account that started it only (StartDraft makes one, SaveDraftAnswers and
// ChangeDraftSituation change it, DraftMaterials gives its files, SubmitDraft submits it).
public sealed class Drafts(HallDbContext db, PersonalData personal, AccountLookup lookup, TimeProvider clock)
{

    // The case a submitted draft made, for a step of it opened again (the back button).
    public Task<string> TrackingCodeOfAsync(Guid caseId, CancellationToken cancellationToken) =>
        db.Cases.Where(c => c.Id == caseId).Select(c => c.TrackingCode).SingleAsync(cancellationToken);

    public Task<Result<DraftView>> LoadAsync(Guid draftId, Guid accountId, CancellationToken cancellationToken) =>
        LoadAsync(draftId, accountId, anySituation: false, cancellationToken);

    // anySituation: also a draft whose situation the current version no longer has (only to
    // choose another).
    public async Task<Result<DraftView>> LoadAsync(Guid draftId, Guid accountId, bool anySituation, CancellationToken cancellationToken)
    {
        var draft = await db.ApplicationDrafts.SingleOrDefaultAsync(d => d.Id == draftId && d.AccountId == accountId, cancellationToken);
        if (draft is null || (draft.SubmittedCaseId is null && draft.ExpiresAt <= clock.GetUtcNow().UtcDateTime))
        {
            return ApplyErrors.DraftNotFound;
        }

        var found = await ItemQueries.CurrentAsync(db, draft.ItemCode, cancellationToken);
        if (!found.Succeeded)
        {
            return Error.Gone("item.offline", "该事项已暂停办理，草稿暂时不能继续。");
        }

        var files = await db.DraftFiles.Where(f => f.DraftId == draft.Id).OrderBy(f => f.AddedAt).ToListAsync(cancellationToken);
        var answers = FormAnswers.Parse(draft.AnswersProtected is null ? null : personal.Unprotect(draft.AnswersProtected));
        // A draft is answered against the current version: answers to fields that version no
        // longer has (an administrator removed them) are dropped, not shown as an error the
        // applicant has no field to correct.
        var content = found.Value!.Content;

        // A new version may drop the situation the draft was started for: the person is told,
        // and chooses another (ChangeSituationAsync) before going on.
        if (!anySituation && draft.SubmittedCaseId is null && !ApplicationRules.Offers(content, draft.Situation))
        {
            return Error.Gone("draft.situation_gone", $"该事项的办理情形已调整，草稿所选的“{draft.Situation}”已不再适用。请在下面选择现在适用的情形，已填写的内容会保留。");
        }

        foreach (var gone in answers.Select(a => a.Key).Where(key => content.Form.Fields.All(f => f.Key != key)).ToList())
        {
            answers.Remove(gone);
        }

        // Likewise files given for a material the current version no longer takes online (gone,
        // renamed, now on paper or given by the application itself): the page has no place to
        // show or remove them, so they are left out rather than block the submission.
        var takes = CaseMaterials.For(content, draft.Situation).Where(CaseMaterials.Uploadable).Select(m => m.Name).ToHashSet(StringComparer.Ordinal);
        files = files.Where(f => takes.Contains(f.Material)).ToList();

        return new DraftView(draft, found.Value!.Content, found.Value.Version.Version, answers, files)
        {
            Held = await HeldCertificates.OfAsync(db, accountId, draft.OrganizationId, ChinaDate.Today(clock), cancellationToken),
        };
    }

    // Everything still wrong with a draft, shown before the person presses submit.
    public IReadOnlyList<Error> Problems(DraftView view)
    {
        var type = view.Draft.OrganizationId is null ? ApplicantType.Person : ApplicantType.Organization;
        return ApplicationRules.Blocking(view.Content, type, view.Draft.Situation) is { } blocked
            ? [blocked]
            : ApplicationRules.Problems(view.Content, view.Draft.Situation, view.Answers, view.FilesToSubmit(), ChinaDate.Today(clock), out _);
    }

    // Who applies, as the check page shows it to the person: the applicant's own ID number and
    // phone masked (the page may be on a shared screen), the organisation named whole.
    public async Task<DraftApplicant> ApplicantAsync(DraftView view, CancellationToken cancellationToken)
    {
        var account = await db.Users.AsNoTracking().SingleAsync(a => a.Id == view.Draft.AccountId, cancellationToken);
        var revealed = lookup.Reveal(account);
        var organization = view.Draft.OrganizationId is { } orgId
            ? await db.Organizations.AsNoTracking().SingleOrDefaultAsync(o => o.Id == orgId, cancellationToken)
            : null;
        var applicant = organization is null
            ? $"{account.DisplayName}（身份证 {(revealed is null ? "未登记" : IdNumber.Mask(revealed.Value.IdNumber))}）"
            : $"{organization.Name}（统一社会信用代码 {organization.CreditCode}），经办人 {account.DisplayName}";
        return new DraftApplicant(applicant, revealed is { Phone.Length: > 0 } known ? MobilePhone.Mask(known.Phone) : "未登记");
    }

    // The situations a draft may be moved to: those of its item's current version.
    public async Task<IReadOnlyList<string>> SituationsAsync(Guid draftId, Guid accountId, CancellationToken cancellationToken)
    {
        var loaded = await LoadAsync(draftId, accountId, anySituation: true, cancellationToken);
        return loaded.Succeeded ? loaded.Value!.Content.Situations.Select(s => s.Name).ToList() : [];
    }

}
