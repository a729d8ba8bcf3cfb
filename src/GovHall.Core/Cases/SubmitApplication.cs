using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using GovHall.Core.Accounts;
using GovHall.Core.Catalog;
using Microsoft.EntityFrameworkCore;

namespace GovHall.Core.Cases;

public sealed record ApplicantSnapshot(
    ApplicantType Type, string Name, string? IdNumber, string? CreditCode, string? AgentName, string Phone, Guid? AccountId, Guid? OrganizationId);

// Certificate: the number of a certificate the hall issued that this file is (两个免于提交),
// attached by the hall itself, never uploaded.
public sealed record SubmittedFile(string Material, string FileName, string Sha256, string ContentType, long Length, string? Certificate = null);

public sealed record Submission(
    string ItemCode,
    string Situation,
    ApplicantSnapshot Applicant,
    JsonObject Answers,
    IReadOnlyList<SubmittedFile> Files,
    CaseChannel Channel,
    string SubmissionKey,
    string Actor,
    string? PartnerClientId = null);

public sealed record Submitted(Case Case, bool Replayed);

// Turns a complete application into a case, exactly once per submission key: the case, its
// files, its number and its first event are written in one transaction; a repeat of the same
// key (a double click, a retry after a time-out) returns the case already made, and a repeat
// with different content is refused. The same rules serve the pages and the partner API.
public sealed class SubmitApplication(HallDbContext db, PersonalData personal, TimeProvider clock, Notifications.Notifier notifier, WriteTurns turns, HallMetrics metrics)
{
    // The catalog's answer for an item one cannot apply for now, in the words of applying.
    public static Error Unavailable(Error found) => found.Kind == ErrorKind.Gone
        ? Error.Gone("item.offline", "该事项已暂停办理，不能提交申请。")
        : Error.NotFound("item.not_found", "没有找到该事项。");

    public static readonly Error KeyReused = Error.Conflict("idempotency.mismatch", "该幂等键已用于另一份不同内容的申请。");

    public async Task<Result<Submitted>> RunAsync(Submission submission, CancellationToken cancellationToken)
    {
        if (await ReplayAsync(submission, cancellationToken) is { } replayed)
        {
            return replayed;
        }

        var found = await ItemQueries.CurrentAsync(db, submission.ItemCode, cancellationToken);
        return found.Succeeded ? await SubmitAsync(submission, found.Value!, cancellationToken) : Unavailable(found.Errors[0]);
    }

    // The answer to a key that was used before: its case, or a refusal if the content differs;
    // null if the key is new.
    public async Task<Result<Submitted>?> ReplayAsync(Submission submission, CancellationToken cancellationToken) =>
        await FindByKeyAsync(submission.SubmissionKey, cancellationToken) is { } earlier
            ? earlier.SubmissionHash == HashOf(submission) ? Replayed(earlier) : KeyReused
            : null;

    // The answer to a submission that an earlier one already made its case for.
    public Submitted Replayed(Case earlier)
    {
        metrics.CaseReplayed(earlier.Channel);
        return new Submitted(earlier, Replayed: true);
    }

    // Checks a new submission against the item's current version and makes its case. Files
    // must already be in the file store; their metadata rows are written with the case.
    // A caller that has just run Check for this submission may pass the answers it gave.
    public async Task<Result<Submitted>> SubmitAsync(Submission submission, PublishedItem published, CancellationToken cancellationToken, JsonObject? checkedAnswers = null)
    {
        var hash = HashOf(submission);
        var content = published.Content;
        var answers = checkedAnswers;
        if (answers is null)
        {
            var errors = Check(content, submission, ChinaDate.Today(clock), out answers);
            if (errors.Count > 0)
            {
                return Result<Submitted>.Fail(errors);
            }
        }

        var now = clock.GetUtcNow().UtcDateTime;
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                var made = await CreateAsync(submission, published, answers, hash, now, cancellationToken);
                metrics.CaseSubmitted(made.Channel);
                return new Submitted(made, Replayed: false);
            }
            catch (DbUpdateException) when (attempt < 3)
            {
                db.ChangeTracker.Clear();

                // A concurrent request with the same key won: answer with its case.
                if (await FindByKeyAsync(submission.SubmissionKey, cancellationToken) is { } winner)
                {
                    return winner.SubmissionHash == hash ? Replayed(winner) : KeyReused;
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

    // Whether the item has this situation (情形); an item without situations takes none.
    public static bool Offers(ItemContent content, string situation) =>
        content.Situations.Count > 0 ? content.Situations.Any(s => s.Name == situation) : situation.Length == 0;

    // What stops an application before its answers and files mean anything: an item not
    // applied for online, an applicant it is not for, a situation it does not have.
    public static Error? Blocking(ItemContent content, Submission submission)
    {
        if (content.OnlineDepth < OnlineDepth.PreReview)
        {
            return new Error("item.not_online", "该事项不支持网上申请，请按办事指南到窗口办理。");
        }

        if (!content.ApplicantTypes.Contains(submission.Applicant.Type))
        {
            return new Error("applicant.not_allowed", submission.Applicant.Type == ApplicantType.Person
                ? "该事项只能由单位（法人）申请。"
                : "该事项只能由个人申请。");
        }

        return Offers(content, submission.Situation) ? null : new Error("situation.unknown", "请选择本事项的一种办理情形。", "situation");
    }

    // Everything that can be wrong with an application, at once.
    public static IReadOnlyList<Error> Check(ItemContent content, Submission submission, DateOnly today, out JsonObject answers)
    {
        var errors = new List<Error>();
        answers = [];
        if (Blocking(content, submission) is { } blocked)
        {
            errors.Add(blocked);
            return errors;
        }

        var check = FormAnswers.Check(content.Form, submission.Situation, submission.Answers, today, complete: true);
        answers = check.Answers;
        errors.AddRange(check.Errors);
        var materials = CaseMaterials.For(content, submission.Situation);
        foreach (var file in submission.Files.Where(f => materials.All(m => m.Name != f.Material)).DistinctBy(f => f.Material))
        {
            errors.Add(new Error("material.unknown", $"本情形没有“{file.Material}”这项材料。", CaseMaterials.FieldOf(file.Material)));
        }

        foreach (var material in materials)
        {
            var fromCertificates = submission.Files.Count(f => f.Material == material.Name && f.Certificate is not null);
            if (fromCertificates > 0 && material.IssuedCertificate is null)
            {
                errors.Add(new Error("file.not_accepted", $"“{material.Name}”不能以电子证照代替。", CaseMaterials.FieldOf(material.Name)));
            }

            var given = submission.Files.Where(f => f.Material == material.Name && f.Certificate is null).ToList();
            if (given.Count == 0 && fromCertificates == 0 && CaseMaterials.MustUpload(material))
            {
                errors.Add(new Error("material.missing", $"请上传“{material.Name}”。", CaseMaterials.FieldOf(material.Name)));
            }
            else if (given.Count > 0 && !CaseMaterials.Uploadable(material))
            {
                errors.Add(new Error("file.not_accepted", $"“{material.Name}”无需在网上提交。", CaseMaterials.FieldOf(material.Name)));
            }
            else if (given.Count > material.MaxFiles)
            {
                errors.Add(new Error("file.too_many", $"“{material.Name}”最多上传 {material.MaxFiles} 个文件。", CaseMaterials.FieldOf(material.Name)));
            }
        }

        return errors;
    }

    private async Task<Case> CreateAsync(
        Submission submission, PublishedItem published, JsonObject answers, string hash, DateTime now, CancellationToken cancellationToken)
    {
        var content = published.Content;
        var applicant = submission.Applicant;
        var phone = personal.Protect(applicant.Phone);

        // Everything read, and everything that does not need the case number, is done before
        // the turn: on SQLite the transaction holds the database's one writer lock from its
        // first statement (BEGIN IMMEDIATE), and every other write waits for it.
        var messages = await notifier.PlanAsync(new Notifications.Notifier.Recipient(applicant.AccountId, phone), Notifications.NotificationKind.CaseSubmitted, cancellationToken);
        var caseId = Guid.CreateVersion7();
        var trackingCode = Cases.TrackingCode.New().Value;
        var idNumber = applicant.IdNumber is { Length: > 0 } id ? personal.Protect(id) : null;
        var answersProtected = personal.Protect(answers.ToJsonString());
        var steps = CaseSteps.Of(content);
        var acceptance = steps.Steps[steps.Acceptance];
        var position = 0;
        foreach (var file in submission.Files)
        {
            db.CaseFiles.Add(new CaseFile
            {
                CaseId = caseId,
                Material = file.Material,
                FileName = file.FileName,
                Sha256 = file.Sha256,
                ContentType = file.ContentType,
                Length = file.Length,
                Position = position++,
            });
        }

        db.CaseEvents.Add(new CaseEvent
        {
            CaseId = caseId,
            Sequence = 1,
            Action = CaseAction.Submit,
            FromStage = null,
            ToStage = CaseStage.Submitted,
            Actor = submission.Actor,
            ActorAccountId = applicant.AccountId,
            At = now,
        });

        using var turn = await turns.TakeAsync(db, cancellationToken);

        // A client that leaves (a closed browser, a partner's time-out) cancels the reading and
        // waiting above, never the write below: a command cancelled half-way costs PostgreSQL a
        // cancel request and Npgsql its connection, and the applicant retries with the same key
        // anyway, so the case is better made (docs/architecture.md).
        var writing = CancellationToken.None;
        var number = db.OnSqlite ? null : await NextCaseNumberAsync(content.Code, ChinaDate.Of(now), writing);
        await using var transaction = await db.Database.BeginTransactionAsync(writing);
        number ??= await NextCaseNumberAsync(content.Code, ChinaDate.Of(now), writing);
        await RecordFilesAsync(submission.Files, now, writing);
        var created = new Case
        {
            Id = caseId,
            TrackingCode = trackingCode,
            CaseNumber = number,
            ItemId = published.Item.Id,
            ItemCode = content.Code,
            ItemVersion = published.Version.Version,
            ItemName = content.Name,
            Situation = submission.Situation,
            Department = content.ImplementingBody.Department,
            ApplicantType = applicant.Type,
            ApplicantName = applicant.Name,
            ApplicantIdNumberProtected = idNumber,
            CreditCode = applicant.CreditCode,
            AgentName = applicant.AgentName,
            ContactPhoneProtected = phone,
            AccountId = applicant.AccountId,
            OrganizationId = applicant.OrganizationId,
            AnswersProtected = answersProtected,
            Channel = submission.Channel,
            PartnerClientId = submission.PartnerClientId,
            SubmissionKey = submission.SubmissionKey,
            SubmissionHash = hash,
            Stage = CaseStage.Submitted,
            SubmittedAt = now,
            StatutoryLimit = new TimeLimit { Value = content.StatutoryLimit.Value, Unit = content.StatutoryLimit.Unit },
            PromisedLimit = new TimeLimit { Value = content.PromisedLimit.Value, Unit = content.PromisedLimit.Unit },

            // The case waits at the item's acceptance step, whose allotment runs from today.
            StepIndex = steps.Acceptance,
            StepName = acceptance.Name,
            StepRole = Accounts.Roles.WindowClerk,
            StepStartedOn = ChinaDate.Of(now),
            StepLimit = new TimeLimit { Value = acceptance.TimeLimit.Value, Unit = acceptance.TimeLimit.Unit },
        };
        db.Cases.Add(created);
        notifier.AddForCase(messages, created, 1, new Dictionary<string, string>(), null);
        await db.SaveChangesAsync(writing);
        await transaction.CommitAsync(writing);
        return created;
    }

    // 办件编号: implementation code + yyyyMMdd + a sequence of at least four digits, per item
    // and day (docs/architecture.md), counted by one upsert statement (RETURNING: SQLite 3.35+,
    // PostgreSQL), so a number is never given twice and the first case of a day needs no retry.
    // On PostgreSQL the number is taken in its own commit just before the case's transaction:
    // inside it, the counter row of a busy item would stay locked for the whole submission,
    // which serialised every submission of the item (bench/README.md). On SQLite, whose writers
    // take turns anyway, it is taken inside the case's transaction, which saves a commit (an
    // fsync) per submission. A submission that fails after taking its number in its own commit
    // leaves a gap; numbers are for reporting, not for counting.
    private async Task<string> NextCaseNumberAsync(string itemCode, DateOnly day, CancellationToken cancellationToken)
    {
        var prefix = itemCode + day.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        var next = await db.Database
            .SqlQuery<int>($"""
                INSERT INTO case_number_counters ("Prefix", "Last") VALUES ({prefix}, 1)
                ON CONFLICT ("Prefix") DO UPDATE SET "Last" = case_number_counters."Last" + 1
                RETURNING "Last" AS "Value"
                """)
            .ToListAsync(cancellationToken);
        return prefix + next.Single().ToString("D4", CultureInfo.InvariantCulture);
    }

    // A file's metadata row, once per content: a file given before (reused, or the same bytes
    // in another case) is already there. One statement, arbitrated by the key, so nothing is
    // read first and two submissions racing with the same new file both succeed. Reading the
    // known files first (Sha256 = ANY(...)) cost PostgreSQL a sequential scan per submission
    // whenever its cached plan was made while the table was small (bench/README.md).
    private async Task RecordFilesAsync(IReadOnlyList<SubmittedFile> files, DateTime now, CancellationToken cancellationToken)
    {
        // In key order, as EF would: two submissions adding the same new files in opposite
        // orders would otherwise wait for each other on PostgreSQL (a deadlock).
        var distinct = files.DistinctBy(f => f.Sha256).OrderBy(f => f.Sha256, StringComparer.Ordinal).ToList();
        if (distinct.Count == 0)
        {
            return;
        }

        var values = new List<object>(distinct.Count * 4);
        var rows = new List<string>(distinct.Count);
        foreach (var file in distinct)
        {
            rows.Add($"({{{values.Count}}}, {{{values.Count + 1}}}, {{{values.Count + 2}}}, {{{values.Count + 3}}})");
            values.AddRange([file.Sha256, file.Length, file.ContentType, now]);
        }

        // Only placeholders are joined into the text; the values go as parameters.
        var sql = $"""INSERT INTO stored_files ("Sha256", "Length", "ContentType", "CreatedAt") VALUES {string.Join(", ", rows)} ON CONFLICT ("Sha256") DO NOTHING""";
        await db.Database.ExecuteSqlRawAsync(sql, values, cancellationToken);
    }

    // Every submission asks this first (see PerModel).
    private static readonly PerModel<Func<HallDbContext, string, CancellationToken, Task<Case?>>> ByKey = new(() => EF.CompileAsyncQuery(
        (HallDbContext db, string key, CancellationToken cancellationToken) => db.Cases.AsNoTracking().SingleOrDefault(c => c.SubmissionKey == key)));

    private Task<Case?> FindByKeyAsync(string key, CancellationToken cancellationToken) => ByKey.For(db)(db, key, cancellationToken);

    // What makes two submissions "the same": item, situation, applicant, answers and the files
    // given. A certificate the hall attaches itself (两个免于提交) follows from the applicant
    // and is left out, so that a partner's retry, hashed before the item is read, matches.
    private static string HashOf(Submission submission)
    {
        var text = new StringBuilder()
            .Append(submission.ItemCode).Append('\n')
            .Append(submission.Situation).Append('\n')
            .Append(submission.Applicant.Type).Append('|').Append(submission.Applicant.Name).Append('|')
            .Append(submission.Applicant.IdNumber).Append('|').Append(submission.Applicant.CreditCode).Append('|')
            .Append(submission.Applicant.AgentName).Append('|').Append(submission.Applicant.Phone).Append('\n')
            .Append(submission.Answers.ToJsonString()).Append('\n');
        foreach (var file in submission.Files.Where(f => f.Certificate is null))
        {
            text.Append(file.Material).Append('|').Append(file.FileName).Append('|').Append(file.Sha256).Append('\n');
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }
}
