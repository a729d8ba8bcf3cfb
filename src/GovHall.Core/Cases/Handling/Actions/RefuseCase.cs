using GovHall.Core.Catalog;

namespace GovHall.Core.Cases;

// 不予受理: with the reason and its legal basis, in a 不予受理通知书; the case ends.
public sealed record RefuseCase(int Revision, string? LegalBasis) : CaseCommand(Revision)
{
    public override CaseAction Action => CaseAction.Refuse;

    protected override IEnumerable<Error> Problems(Case found, ItemContent content) =>
        LegalBases.Check(LegalBasis).Concat(Requires("不予受理的理由")).Concat(LegalBases.Require(LegalBasis, "不予受理的法律依据"));

    public override async Task<Result<string?>> ApplyAsync(CaseChange change, CancellationToken cancellationToken)
    {
        var basis = LegalBasis!.Trim();
        var moved = change.Found.Refuse(change.At);
        if (moved.Succeeded)
        {
            await change.IssueAsync(DocumentKind.RefusalNotice, GivenReason, basis, cancellationToken: cancellationToken);
        }

        return Text(moved, $"{GivenReason}（依据：{basis}）");
    }
}

// The legal basis a refusal or a denial cites (法律依据).
internal static class LegalBases
{
    public static IEnumerable<Error> Check(string? basis)
    {
        if ((basis?.Trim() ?? "").Length > 500)
        {
            yield return CaseErrors.LegalBasisTooLong;
        }
    }

    public static IEnumerable<Error> Require(string? basis, string what)
    {
        if ((basis?.Trim() ?? "").Length == 0)
        {
            yield return CaseErrors.Required("legalBasis", what);
        }
    }
}
