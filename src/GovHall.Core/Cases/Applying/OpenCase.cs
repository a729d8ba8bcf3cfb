using System.Text.Json.Nodes;
using GovHall.Core.Catalog;
using GovHall.Core.Storage;

using GovHall.Core.Accounts;

namespace GovHall.Core.Cases;

// The write of a submission that passed every check: the case, its files, its number, its first
// event and its messages, in one transaction on a write turn. Files must already be in the file
// store; their metadata rows are written with the case.
public sealed class OpenCase(HallDbContext db, PersonalData personal, TimeProvider clock, Notifications.Notifier notifier, WriteTurns turns)
{
    public async Task<Case> RunAsync(Submission submission, PublishedItem published, JsonObject answers, string hash, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
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
        var number = db.OnSqlite ? null : await CaseNumbers.NextAsync(db, content.Code, ChinaDate.Of(now), writing);
        await using var transaction = await db.Database.BeginTransactionAsync(writing);
        number ??= await CaseNumbers.NextAsync(db, content.Code, ChinaDate.Of(now), writing);
        await StoredFileRows.RecordAsync(db, submission.Files.Select(f => (f.Sha256, f.Length, f.ContentType)), now, writing);
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
            SubmittedAt = now,
            StatutoryLimit = new TimeLimit { Value = content.StatutoryLimit.Value, Unit = content.StatutoryLimit.Unit },
            PromisedLimit = new TimeLimit { Value = content.PromisedLimit.Value, Unit = content.PromisedLimit.Unit },
        };
        created.WaitForAcceptance(steps, ChinaDate.Of(now));
        db.Cases.Add(created);
        notifier.AddForCase(messages, created, 1, new Dictionary<string, string>(), null);
        await db.SaveChangesAsync(writing);
        await transaction.CommitAsync(writing);
        return created;
    }
}
