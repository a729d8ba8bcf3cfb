using GovHall.Core.Catalog;

namespace GovHall.Core.Cases;

// 不批准延长办理时限: the request is dropped, with why; the deadline stays.
public sealed record RefuseExtension(int Revision) : CaseCommand(Revision)
{
    public override CaseAction Action => CaseAction.RefuseExtension;

    protected override IEnumerable<Error> Problems(Case found, ItemContent content) => Requires("不批准延期的理由");

    public override Task<Result<string?>> ApplyAsync(CaseChange change, CancellationToken cancellationToken) =>
        Task.FromResult(Text(change.Found.RefuseExtension(change.At), GivenReason));
}
