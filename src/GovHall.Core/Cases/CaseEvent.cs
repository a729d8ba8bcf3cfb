namespace GovHall.Core.Cases;

public enum CaseChannel { Online, Partner }

// Where a case stands, in the order a case usually moves.
public enum CaseStage { Submitted, PreReviewed, CorrectionRequested, Accepted, UnderReview, Suspended, Decided, Concluded, Refused, Withdrawn }

public enum CaseAction
{
    Submit, Resubmit, PreReviewPass, RequestCorrection, Accept, Refuse, Review, SendBack, Suspend, Resume,
    RequestExtension, Extend, RefuseExtension, Decide, Conclude, Withdraw,
}

public enum Decision { Granted, Denied }

public sealed class CaseEvent
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid CaseId { get; init; }
    public int Sequence { get; init; }
    public CaseAction Action { get; init; }
    public CaseStage? FromStage { get; init; }
    public CaseStage ToStage { get; init; }

    // Who acted, as shown to staff ("张三（申请人）", "区网上政务大厅", a staff name).
    public required string Actor { get; init; }
    public Guid? ActorAccountId { get; init; }
    public string? Reason { get; init; }
    public DateTime At { get; init; }
}

// A file received with a case, by material. The bytes are in the content store.
public sealed class CaseFile
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid CaseId { get; init; }
    public required string Material { get; init; }
    public required string FileName { get; init; }
    public required string Sha256 { get; init; }
    public required string ContentType { get; init; }
    public long Length { get; init; }
    public int Position { get; init; }
}

// The last sequence number given out for one prefix (implementation code + date).
public sealed class CaseNumberCounter
{
    public required string Prefix { get; init; }
    public int Last { get; set; }
}
