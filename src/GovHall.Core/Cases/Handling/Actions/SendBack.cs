using GovHall.Core.Catalog;

namespace GovHall.Core.Cases;

// 退回上一环节: back to the previous staff step, with why.
public sealed record SendBack(int Revision) : CaseCommand(Revision)
{
    public override CaseAction Action => CaseAction.SendBack;

    protected override IEnumerable<Error> Problems(Case found, ItemContent content) => Requires("退回的理由");

    public override Task<Result<string?>> ApplyAsync(CaseChange change, CancellationToken cancellationToken) =>
        Task.FromResult(Text(change.Found.SendBack(change.At), GivenReason));
}
