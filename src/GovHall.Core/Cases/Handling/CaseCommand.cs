using GovHall.Core.Catalog;
using GovHall.Core.Storage;

namespace GovHall.Core.Cases;

// One action on a case, as its own record (AcceptCase, RefuseCase, …, one file each): the
// revision the actor saw (optimistic concurrency), what the action carries, the rules it must
// meet before anything changes, and what it does to the case inside HandleCase's transaction.
public abstract record CaseCommand(int Revision)
{
    public abstract CaseAction Action { get; }

    public string? Reason { get; init; }

    // The reason as given, or null when none was.
    protected string? GivenReason => Reason?.Trim() is { Length: > 0 } given ? given : null;

    // Everything wrong with the command, checked before anything changes.
    public IReadOnlyList<Error> Check(Case found, ItemContent content)
    {
        var problems = new List<Error>();
        if ((Reason?.Trim() ?? "").Length > 2000)
        {
            problems.Add(CaseErrors.ReasonTooLong);
        }

        problems.AddRange(Problems(found, content));
        return problems;
    }

    protected virtual IEnumerable<Error> Problems(Case found, ItemContent content) => [];

    // A reason the action requires.
    protected IEnumerable<Error> Requires(string what)
    {
        if (GivenReason is null)
        {
            yield return CaseErrors.Required("reason", what);
        }
    }

    // Changes the case through its transitions and issues what the action issues; answers the
    // text the event records (the reason, in plain words).
    public abstract Task<Result<string?>> ApplyAsync(CaseChange change, CancellationToken cancellationToken);

    // What the action's message says (亲民提醒, docs/notifications.md).
    public virtual void Describe(IDictionary<string, string> values, Case found)
    {
        values["deadline"] = Notifications.Notifier.DateText(found.Deadline);
        values["reason"] = Reason?.Trim() ?? "";
        values["corrections"] = "";
        values["decision"] = found.Decision == Decision.Granted ? "准予" : "不予准予";
        values["delivery"] = found.DeliveredBy is { } way ? CaseStages.Label(way) : "";
    }

    // The transition's own answer, as the event's text when it succeeded.
    protected static Result<string?> Text(Result<Case> moved, string? text) =>
        moved.Succeeded ? text : Result<string?>.Fail(moved.Errors);
}

// A document an action issues: its kind, its stored PDF and, for a letter, its 文号.
public sealed record IssuedDocument(DocumentKind Kind, StoredFile Stored, string? Number = null);

// One action being applied: the case, its item's version, the moment, who acts, and the
// documents it issues (each stored, and recorded with the event).
public sealed class CaseChange(Case found, ItemContent content, CaseMoment at, CaseActor actor, string baseUrl, CaseOffice office)
{
    public Case Found { get; } = found;
    public ItemContent Content { get; } = content;
    public CaseMoment At { get; } = at;
    public CaseActor Actor { get; } = actor;
    public string BaseUrl { get; } = baseUrl;
    public CaseOffice Office { get; } = office;
    public CaseStage From { get; } = found.Stage;
    public List<IssuedDocument> Documents { get; } = [];

    // A notice or decision (受理通知书, 决定书 …) as PDF, with a QR code to the public query.
    public async Task IssueAsync(
        DocumentKind kind, string? reason = null, string? legalBasis = null, IReadOnlyList<CorrectionItem>? corrections = null,
        DateOnly? deadline = null, int? extensionDays = null, string? certificateNumber = null, CancellationToken cancellationToken = default)
    {
        var number = await Office.NextDocumentNumberAsync(kind, Found, Content, At.Today, cancellationToken);
        var payload = new Certificates.CertificatePayload(
            1, number!, CaseNotices.TitleOf(kind, Found), PartyNames.OnLetter(Found.ApplicantName), null, Content.ImplementingBody.Name,
            At.Today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), null, Found.CaseNumber, Found.ItemCode);
        var notice = new NoticeContent(kind, Found, Content, At.Now, Actor.Name, number!, Office.DocumentVerifyUrl(BaseUrl, payload),
            reason, legalBasis, corrections, deadline, extensionDays, certificateNumber);
        var queryUrl = $"{BaseUrl.TrimEnd('/')}/query?code={Found.TrackingCode}";
        Documents.Add(new IssuedDocument(kind, await Office.StoreDocumentAsync(CaseNotices.Render(notice, queryUrl), cancellationToken), number));
    }
}
