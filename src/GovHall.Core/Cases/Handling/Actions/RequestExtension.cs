using GovHall.Core.Catalog;

namespace GovHall.Core.Cases;

// 申请延长办理时限: the handler asks an approver for more days (行政许可法 Art. 42).
public sealed record RequestExtension(int Revision, int? Days) : CaseCommand(Revision)
{
    public override CaseAction Action => CaseAction.RequestExtension;

    protected override IEnumerable<Error> Problems(Case found, ItemContent content)
    {
        if (Days is not (>= 1 and <= 60))
        {
            yield return new Error("case.days_invalid", "延长的天数应为 1 到 60 之间的整数。", "days");
        }

        foreach (var missing in Requires("延期的理由"))
        {
            yield return missing;
        }
    }

    public override Task<Result<string?>> ApplyAsync(CaseChange change, CancellationToken cancellationToken) =>
        Task.FromResult(Text(change.Found.RequestExtension(change.At, Days!.Value), $"申请延长 {Days} 日：{GivenReason}"));
}
