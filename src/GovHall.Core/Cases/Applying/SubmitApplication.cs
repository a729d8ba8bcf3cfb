using GovHall.Core.Accounts;
using GovHall.Core.Catalog;
using GovHall.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace GovHall.Core.Cases;

// The one way an application becomes a case, for the pages and the partner API alike:
//   1. replay: a key used before answers with its case (a double click, a retry after a
//      time-out), whatever has happened to the item since; a key reused for other content is
//      refused;
//   2. the item's current version, and what stops the application outright (not online, not
//      for this applicant, no such situation), said alone;
//   3. every other problem at once: the declaration, each file's bytes, the answers and the
//      materials, with the certificates the hall issued standing for their materials;
//   4. the pending bytes stored, then the case, its files, its number, its first event and its
//      messages written in one transaction (OpenCase).
public sealed class SubmitApplication(HallDbContext db, OpenCase open, IFileStore fileStore, TimeProvider clock, HallMetrics metrics)
{
    public async Task<Result<Submitted>> RunAsync(Submission submission, CancellationToken cancellationToken)
    {
        var hash = submission.Hash();
        if (await FindByKeyAsync(submission.SubmissionKey, cancellationToken) is { } earlier)
        {
            return Again(earlier, hash);
        }

        var found = await ItemQueries.CurrentAsync(db, submission.ItemCode, cancellationToken);
        if (!found.Succeeded)
        {
            return ApplyErrors.Unavailable(found.Errors[0]);
        }

        var published = found.Value!;
        var content = published.Content;
        if (ApplicationRules.Blocking(content, submission.Applicant.Type, submission.Situation) is { } blocked)
        {
            return blocked;
        }

        var today = ChinaDate.Today(clock);
        var errors = new ErrorList();
        var materials = CaseMaterials.For(content, submission.Situation);

        // A receipt lists a declaration signed online as received: the applicant said it was.
        var toSign = materials.Where(m => m.ProvidedOnline == OnlineProvision.Declaration).Select(m => m.Name).ToList();
        if (toSign.Count > 0 && !submission.Declared)
        {
            errors.Add(ApplyErrors.DeclarationMissing(toSign));
        }

        errors.AddRange(PendingProblems(submission.Pending, materials));
        var files = await WithHeldCertificatesAsync(submission, materials, today, cancellationToken);
        errors.AddRange(ApplicationRules.Problems(content, submission.Situation, submission.Answers, files, today, out var answers));
        if (errors.Count > 0)
        {
            return Result<Submitted>.Fail(errors);
        }

        // The bytes are durable before the case that names them is committed.
        foreach (var pending in submission.Pending)
        {
            await fileStore.PutAsync(pending.Content, cancellationToken);
        }

        for (var attempt = 0; ; attempt++)
        {
            try
            {
                var made = await open.RunAsync(submission with { Files = files, Pending = [] }, published, answers, hash, cancellationToken);
                metrics.CaseSubmitted(made.Channel);
                return new Submitted(made, Replayed: false);
            }
            catch (DbUpdateException) when (attempt < 3)
            {
                db.ChangeTracker.Clear();

                // A concurrent request with the same key won: answer with its case.
                if (await FindByKeyAsync(submission.SubmissionKey, cancellationToken) is { } winner)
                {
                    return Again(winner, hash);
                }

                // Otherwise (once in 2^55) a tracking code collided: try again with a fresh one.
            }
            catch (Exception)
            {
                // The case's rows are added before the write turn; whatever stopped the write (a
                // client that left while waiting for the turn, a failed statement), they must
                // not stay in the context for a later save to insert.
                db.ChangeTracker.Clear();
                throw;
            }
        }
    }

    // The answer to a submission that an earlier one already made its case for.
    public Submitted Replayed(Case earlier)
    {
        metrics.CaseReplayed(earlier.Channel);
        return new Submitted(earlier, Replayed: true);
    }

    private Result<Submitted> Again(Case earlier, string hash) =>
        earlier.SubmissionHash == hash ? Replayed(earlier) : ApplyErrors.KeyReused;

    // Each file whose bytes came with the submission, checked as an upload is; a file for a
    // material the situation has not, or one past the material's limit, is said once by
    // ApplicationRules.
    private static IEnumerable<Error> PendingProblems(IReadOnlyList<PendingFile> pending, IReadOnlyList<RequiredMaterial> materials)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var file in pending)
        {
            if (materials.FirstOrDefault(m => m.Name == file.Material) is not { } material || !CaseMaterials.Uploadable(material))
            {
                continue;
            }

            var before = counts.GetValueOrDefault(material.Name);
            counts[material.Name] = before + 1;
            if (before < material.MaxFiles && CaseMaterials.CheckContent(material, file.FileName, file.Content.Bytes) is { } problem)
            {
                yield return problem;
            }
        }
    }

    // The files given, and for each material the hall certifies itself that has none, the
    // applicant's valid certificate from the hall's own records (两个免于提交). A draft has
    // attached those already; a partner's submission gets them here. An organisation's
    // certificate stands in only when the acting account acts for the organisation in the hall.
    private async Task<IReadOnlyList<SubmittedFile>> WithHeldCertificatesAsync(
        Submission submission, IReadOnlyList<RequiredMaterial> materials, DateOnly today, CancellationToken cancellationToken)
    {
        var files = submission.AllFiles();
        var uncovered = materials.Where(m => m.IssuedCertificate is not null && files.All(f => f.Material != m.Name)).ToList();
        if (uncovered.Count == 0)
        {
            return files;
        }

        var applicant = submission.Applicant;
        var organization = applicant.OrganizationId;
        if (organization is { } org && (applicant.AccountId is not { } agent || !await Memberships.ActsForAsync(db, org, agent, cancellationToken)))
        {
            organization = null;
        }

        var held = await HeldCertificates.OfAsync(
            db, applicant.Type == ApplicantType.Person ? applicant.AccountId : null, organization, today, cancellationToken);
        var exempt = uncovered.Select(m => (Material: m, Held: HeldCertificates.For(m, held, filesGiven: false)))
            .Where(x => x.Held is not null).Select(x => HeldCertificates.AsFile(x.Material, x.Held!)).ToList();
        return exempt.Count == 0 ? files : [.. files, .. exempt];
    }

    // Every submission asks this first (see PerModel).
    private static readonly PerModel<Func<HallDbContext, string, CancellationToken, Task<Case?>>> ByKey = new(() => EF.CompileAsyncQuery(
        (HallDbContext db, string key, CancellationToken cancellationToken) => db.Cases.AsNoTracking().SingleOrDefault(c => c.SubmissionKey == key)));

    private Task<Case?> FindByKeyAsync(string key, CancellationToken cancellationToken) => ByKey.For(db)(db, key, cancellationToken);
}
