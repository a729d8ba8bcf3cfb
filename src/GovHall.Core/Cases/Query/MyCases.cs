using GovHall.Core.Catalog;
using Microsoft.EntityFrameworkCore;

namespace GovHall.Core.Cases;

// CorrectionDueOn: while a correction is asked for, the day by which to correct.
public sealed record MyCaseSummary(string TrackingCode, string ItemName, CaseStage Stage, DateTime SubmittedAt, ApplicantType ApplicantType, string ApplicantName, DateOnly? CorrectionDueOn);

// Which of a person's cases 我的办件 lists: all, those waiting for the person's correction (补正),
// those still being handled, or those that ended (concluded, refused, withdrawn).
public enum MyCasesView { All, Correction, Open, Ended }

// One page of a view, with how many cases each view holds (for its tab).
public sealed record MyCasePage(IReadOnlyList<MyCaseSummary> Cases, MyCasesView View, int Page, int PageCount, IReadOnlyDictionary<MyCasesView, int> Counts);

// ItemOffline: the item has been taken offline since, so the draft cannot go on for now.
public sealed record MyDraftSummary(Guid Id, string ItemName, string Situation, DateTime UpdatedAt, DateTime ExpiresAt, bool ItemOffline);

public sealed record MyCase(
    Case Case, IReadOnlyList<CaseFile> Files, IReadOnlyList<CaseEvent> Events, IReadOnlyList<CaseDocument> Documents,
    IReadOnlyList<Certificates.Certificate> Certificates)
{
    // The materials of the case's situation that are given online (the others are corrected at the window).
    public IReadOnlySet<string> UploadableMaterials { get; init; } = new HashSet<string>();

    // The materials its application gave itself (the form filled in, the declaration ticked).
    public IReadOnlyList<RequiredMaterial> GivenOnline { get; init; } = [];

    // While a notice names form fields: each one's current answer, masked where personal.
    public IReadOnlyDictionary<string, string> AnswersToCorrect { get; init; } = new Dictionary<string, string>();

    // The answers corrections changed, before and after.
    public IReadOnlyList<AnswerChange> AnswerChanges { get; init; } = [];

    public IReadOnlyList<CorrectionItem> Corrections => Case.Corrections();
}

// 我的办件: a person's drafts, their own cases and those of the organisations they act for.
// Anyone else asking for a case gets "not found", never "forbidden".
public sealed class MyCases(HallDbContext db, CaseAnswers answers, TimeProvider clock)
{
    public static readonly Error NotFound = Error.NotFound("case.not_found", "没有找到该办件。");

    public async Task<IReadOnlyList<MyDraftSummary>> DraftsAsync(Guid accountId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return await db.ApplicationDrafts.AsNoTracking()
            .Where(d => d.AccountId == accountId && d.SubmittedCaseId == null && d.ExpiresAt > now)
            .OrderByDescending(d => d.UpdatedAt)
            .Select(d => new MyDraftSummary(d.Id, d.ItemName, d.Situation, d.UpdatedAt, d.ExpiresAt,
                db.ServiceItems.Any(i => i.Code == d.ItemCode && i.State == Catalog.ItemState.Offline)))
            .ToListAsync(cancellationToken);
    }

    public const int PageSize = 20;

    private static readonly CaseStage[] Ended = [CaseStage.Concluded, CaseStage.Refused, CaseStage.Withdrawn];

    public static MyCasesView ViewOf(CaseStage stage) =>
        stage == CaseStage.CorrectionRequested ? MyCasesView.Correction : Ended.Contains(stage) ? MyCasesView.Ended : MyCasesView.Open;

    // Newest first, a page at a time; a page past the end shows the last one.
    public async Task<MyCasePage> CasesAsync(Guid accountId, MyCasesView view, int page, CancellationToken cancellationToken)
    {
        var byStage = await Visible(accountId).GroupBy(c => c.Stage).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        var counts = Enum.GetValues<MyCasesView>().ToDictionary(v => v, v => byStage.Where(s => v == MyCasesView.All || ViewOf(s.Key) == v).Sum(s => s.Count));
        var pageCount = Math.Max(1, (counts[view] + PageSize - 1) / PageSize);
        var shown = Math.Clamp(page, 1, pageCount);
        var listed = Visible(accountId);
        if (view != MyCasesView.All)
        {
            var stages = Enum.GetValues<CaseStage>().Where(s => ViewOf(s) == view).ToList();
            listed = listed.Where(c => stages.Contains(c.Stage));
        }

        var cases = await listed
            .OrderByDescending(c => c.SubmittedAt).ThenByDescending(c => c.Id)
            .Skip((shown - 1) * PageSize).Take(PageSize)
            .Select(c => new MyCaseSummary(c.TrackingCode, c.ItemName, c.Stage, c.SubmittedAt, c.ApplicantType, c.ApplicantName, c.CorrectionDueOn))
            .ToListAsync(cancellationToken);
        return new MyCasePage(cases, view, shown, pageCount, counts);
    }

    // The case alone, if the person may see it (for its receipt and documents).
    public async Task<Case?> CaseAsync(Guid accountId, string? codeText, CancellationToken cancellationToken) =>
        TrackingCode.TryParse(codeText, out var code)
            ? await Visible(accountId).SingleOrDefaultAsync(c => c.TrackingCode == code.Value, cancellationToken)
            : null;

    public async Task<Result<MyCase>> FindAsync(Guid accountId, string? codeText, CancellationToken cancellationToken)
    {
        if (await CaseAsync(accountId, codeText, cancellationToken) is not { } found)
        {
            return NotFound;
        }

        var files = await db.CaseFiles.AsNoTracking().Where(f => f.CaseId == found.Id).OrderBy(f => f.Position).ToListAsync(cancellationToken);
        var events = await db.CaseEvents.AsNoTracking().Where(e => e.CaseId == found.Id).OrderBy(e => e.Sequence).ToListAsync(cancellationToken);
        var documents = await db.CaseDocuments.AsNoTracking().Where(d => d.CaseId == found.Id).OrderBy(d => d.EventSequence).ToListAsync(cancellationToken);
        var issued = await db.Certificates.AsNoTracking().Where(c => c.CaseId == found.Id).ToListAsync(cancellationToken);
        var content = await ItemQueries.ContentOfAsync(db, found.ItemId, found.ItemVersion, cancellationToken);
        var materials = CaseMaterials.For(content, found.Situation);
        var uploadable = found.Stage == CaseStage.CorrectionRequested
            ? materials.Where(CaseMaterials.Uploadable).Select(m => m.Name).ToHashSet()
            : [];
        var named = found.Stage == CaseStage.CorrectionRequested ? found.Corrections().Where(c => c.Field is not null).Select(c => c.Field!).ToList() : [];
        var current = named.Count > 0 ? answers.Of(found) : null;
        return new MyCase(found, files, events, documents, issued)
        {
            UploadableMaterials = uploadable,
            GivenOnline = materials.Where(m => m.ProvidedOnline is not null).ToList(),
            AnswersToCorrect = named.Where(k => content.Form.Fields.Any(f => f.Key == k)).ToDictionary(
                k => k, k => FormAnswers.Masked(content.Form.Fields.First(f => f.Key == k), current![k]?.ToString() ?? "")),
            AnswerChanges = await answers.ChangesAsync(found, content, cancellationToken),
        };
    }

    private IQueryable<Case> Visible(Guid accountId)
    {
        var organizations = Accounts.Memberships.OrganizationIdsOf(db, accountId);
        return db.Cases.AsNoTracking().Where(c => c.AccountId == accountId || (c.OrganizationId != null && organizations.Contains(c.OrganizationId.Value)));
    }
}
