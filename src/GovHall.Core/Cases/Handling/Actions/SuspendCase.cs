using GovHall.Core.Catalog;

namespace GovHall.Core.Cases;

// 中止（特别程序）: a special procedure whose time does not count against the deadline.
public sealed record SuspendCase(int Revision, string? Procedure) : CaseCommand(Revision)
{
    public static readonly string[] Procedures = ["听证", "专家评审", "检验检测", "现场核查", "公示", "征求意见"];

    public override CaseAction Action => CaseAction.Suspend;

    protected override IEnumerable<Error> Problems(Case found, ItemContent content)
    {
        if (!Procedures.Contains(Procedure ?? ""))
        {
            yield return new Error("case.procedure_required", "请选择特别程序的种类。", "procedure");
        }

        foreach (var missing in Requires("中止的理由"))
        {
            yield return missing;
        }
    }

    public override Task<Result<string?>> ApplyAsync(CaseChange change, CancellationToken cancellationToken) =>
        Task.FromResult(Text(change.Found.Suspend(change.At), $"{Procedure}：{GivenReason}"));

    public override void Describe(IDictionary<string, string> values, Case found)
    {
        base.Describe(values, found);
        values["reason"] = Procedure ?? "";
    }
}
