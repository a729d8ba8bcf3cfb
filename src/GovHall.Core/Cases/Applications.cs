using System.Text.Json.Nodes;
using GovHall.Core.Accounts;
using GovHall.Core.Catalog;
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
}

public sealed record ReusableFile(string FileName, string Sha256, string ContentType, long Length);

// A person's application from the first click to submission: start (with prefill), save
// answers page by page, give files per material (new or given before), then submit once.
// Only the account that started a draft can see or change it.
public sealed class Applications(
    HallDbContext db, PersonalData personal, AccountLookup lookup, SubmitApplication submit,
    CasesSettings settings, TimeProvider clock)
{
    public static readonly Error DraftNotFound = Error.NotFound("draft.not_found", "没有找到该草稿，它可能已过期或已提交。");
    public static readonly Error DeclarationMissing = new("declaration.required", "请阅读并勾选承诺后再提交。", "declared");

    // A draft started with a key (chosen by the start page) is started once per choice: its id
    // is derived from the key, the item, the situation and the applicant, so the same press
    // again answers with the draft it made while that draft is open, and another choice made
    // on a page gone back to makes (once) another draft.
    public async Task<Result<ApplicationDraft>> StartAsync(
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
                return Organizations.NotFound;
            }
        }

        var found = await ItemQueries.CurrentAsync(db, itemCode, cancellationToken);
        if (!found.Succeeded)
        {
            return SubmitApplication.Unavailable(found.Errors[0]);
        }

        var published = found.Value!;
        var content = published.Content;
        var probe = new Submission(content.Code, situation, Applicant(account, organization, "", ""), [], [], CaseChannel.Online, "", "");
        var problems = SubmitApplication.Check(content, probe, ChinaDate.Today(clock), out _)
            .Where(e => e.Code is "item.not_online" or "applicant.not_allowed" or "situation.unknown").ToList();
        if (problems.Count > 0)
        {
            return Result<ApplicationDraft>.Fail(problems);
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

    // The case a submitted draft made, for a step of it opened again (the back button).
    public Task<string> TrackingCodeOfAsync(Guid caseId, CancellationToken cancellationToken) =>
        db.Cases.Where(c => c.Id == caseId).Select(c => c.TrackingCode).SingleAsync(cancellationToken);

    public Task<Result<DraftView>> LoadAsync(Guid draftId, Guid accountId, CancellationToken cancellationToken) =>
        LoadAsync(draftId, accountId, anySituation: false, cancellationToken);

    // anySituation: also a draft whose situation the current version no longer has (only to
    // choose another).
    private async Task<Result<DraftView>> LoadAsync(Guid draftId, Guid accountId, bool anySituation, CancellationToken cancellationToken)
    {
        var draft = await db.ApplicationDrafts.SingleOrDefaultAsync(d => d.Id == draftId && d.AccountId == accountId, cancellationToken);
        if (draft is null || (draft.SubmittedCaseId is null && draft.ExpiresAt <= clock.GetUtcNow().UtcDateTime))
        {
            return DraftNotFound;
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
        if (!anySituation && draft.SubmittedCaseId is null && !SubmitApplication.Offers(content, draft.Situation))
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

    // Saves what the form page holds (its keys replace what was there, empty removes) and
    // returns everything still wrong or missing; what was typed is kept either way.
    public async Task<Result<IReadOnlyList<Error>>> SaveAnswersAsync(
        Guid draftId, Guid accountId, JsonObject page, IReadOnlyCollection<string> pageKeys, CancellationToken cancellationToken)
    {
        var loaded = await LoadAsync(draftId, accountId, cancellationToken);
        if (!loaded.Succeeded)
        {
            return Result<IReadOnlyList<Error>>.Fail(loaded.Errors);
        }

        var view = loaded.Value!;
        if (view.Draft.SubmittedCaseId is not null)
        {
            return Error.Conflict("draft.submitted", "该申请已提交，不能再修改草稿。");
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

        Touch(view.Draft, answers);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Error.Conflict("draft.changed", "草稿刚在另一个窗口中保存过，请重新打开后再填写。");
        }

        var check = FormAnswers.Check(view.Content.Form, view.Draft.Situation, answers, ChinaDate.Today(clock), complete: true);
        return Result<IReadOnlyList<Error>>.Ok(check.Errors);
    }

    // Submits the draft; a second submit (double click, retry) returns the same case.
    public async Task<Result<Submitted>> SubmitAsync(Guid draftId, Guid accountId, bool declared, CancellationToken cancellationToken)
    {
        var loaded = await LoadAsync(draftId, accountId, cancellationToken);
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
            return DeclarationMissing;
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
            FilesOf(view),
            CaseChannel.Online,
            $"draft:{view.Draft.Id}",
            organization is null ? $"{account.DisplayName}（申请人）" : $"{account.DisplayName}（{organization.Name}经办人）");
        var result = await submit.RunAsync(submission, cancellationToken);
        if (!result.Succeeded && result.Errors[0].Code == SubmitApplication.KeyReused.Code)
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

    // Everything still wrong with a draft, shown before the person presses submit.
    public IReadOnlyList<Error> Problems(DraftView view)
    {
        var type = view.Draft.OrganizationId is null ? ApplicantType.Person : ApplicantType.Organization;
        var probe = new Submission(view.Content.Code, view.Draft.Situation, new ApplicantSnapshot(type, "", null, null, null, "", null, null),
            view.Answers, FilesOf(view), CaseChannel.Online, "", "");
        return SubmitApplication.Check(view.Content, probe, ChinaDate.Today(clock), out _);
    }

    // The files given, and for each material a held certificate stands for, that certificate's
    // PDF from the hall's own records.
    private static List<SubmittedFile> FilesOf(DraftView view) =>
        view.Files.Select(f => new SubmittedFile(f.Material, f.FileName, f.Sha256, f.ContentType, f.Length))
            .Concat(view.Materials.Select(m => (Material: m, Held: view.CertificateFor(m))).Where(x => x.Held is not null)
                .Select(x => HeldCertificates.AsFile(x.Material, x.Held!)))
            .ToList();

    private static ApplicantSnapshot Applicant(Account account, Organization? organization, string idNumber, string phone) =>
        organization is null
            ? new ApplicantSnapshot(ApplicantType.Person, account.DisplayName, idNumber, null, null, phone, account.Id, null)
            : new ApplicantSnapshot(ApplicantType.Organization, organization.Name, idNumber, organization.CreditCode, account.DisplayName, phone, account.Id, organization.Id);

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

    private void Touch(ApplicationDraft draft, JsonObject answers)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        draft.AnswersProtected = personal.Protect(answers.ToJsonString());
        draft.UpdatedAt = now;
        draft.ExpiresAt = now.AddDays(settings.DraftDays);
        draft.Revision++;
    }

    // Another situation for a draft (the person chose the wrong one): the answers stay, and the
    // files given for materials the new situation does not ask for are taken off the draft.
    // Answers the materials whose files went.
    public async Task<Result<IReadOnlyList<string>>> ChangeSituationAsync(Guid draftId, Guid accountId, string? situation, CancellationToken cancellationToken)
    {
        var loaded = await LoadAsync(draftId, accountId, anySituation: true, cancellationToken);
        if (!loaded.Succeeded)
        {
            return Result<IReadOnlyList<string>>.Fail(loaded.Errors);
        }

        var view = loaded.Value!;
        if (view.Draft.SubmittedCaseId is not null)
        {
            return Error.Conflict("draft.submitted", "该申请已经提交，不能再更换办理情形。");
        }

        if (situation is null || view.Content.Situations.Count == 0 || !SubmitApplication.Offers(view.Content, situation))
        {
            return new Error("situation.unknown", "请选择本事项的一种办理情形。", "situation");
        }

        if (situation == view.Draft.Situation)
        {
            return Result<IReadOnlyList<string>>.Ok([]);
        }

        var asked = CaseMaterials.For(view.Content, situation).Where(CaseMaterials.Uploadable).Select(m => m.Name).ToHashSet(StringComparer.Ordinal);
        var dropped = view.Files.Where(f => !asked.Contains(f.Material)).ToList();
        db.DraftFiles.RemoveRange(dropped);
        view.Draft.Situation = situation;
        Touch(view.Draft, view.Answers);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Error.Conflict("draft.changed", "草稿刚在另一个窗口中保存过，请重新打开后再填写。");
        }

        return Result<IReadOnlyList<string>>.Ok(dropped.Select(f => f.Material).Distinct().ToList());
    }

    // The situations a draft may be moved to: those of its item's current version.
    public async Task<IReadOnlyList<string>> SituationsAsync(Guid draftId, Guid accountId, CancellationToken cancellationToken)
    {
        var loaded = await LoadAsync(draftId, accountId, anySituation: true, cancellationToken);
        return loaded.Succeeded ? loaded.Value!.Content.Situations.Select(s => s.Name).ToList() : [];
    }

}
