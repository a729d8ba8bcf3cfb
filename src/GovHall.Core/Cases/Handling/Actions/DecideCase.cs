using GovHall.Core.Catalog;

namespace GovHall.Core.Cases;

// 作出决定: 准予 (with the certificate the item issues, signed) or 不予 (with the reason and its
// legal basis), in a 决定书; the case moves to delivery.
public sealed record DecideCase(int Revision, Decision? Decision, string? LegalBasis) : CaseCommand(Revision)
{
    public override CaseAction Action => CaseAction.Decide;

    protected override IEnumerable<Error> Problems(Case found, ItemContent content)
    {
        foreach (var tooLong in LegalBases.Check(LegalBasis))
        {
            yield return tooLong;
        }

        if (Decision is null)
        {
            yield return new Error("case.decision_required", "请选择准予或不予。", "decision");
        }

        if (Decision == Cases.Decision.Denied)
        {
            foreach (var missing in Requires("不予准予的理由").Concat(LegalBases.Require(LegalBasis, "不予准予的法律依据")))
            {
                yield return missing;
            }
        }
    }

    public override async Task<Result<string?>> ApplyAsync(CaseChange change, CancellationToken cancellationToken)
    {
        var (found, content) = (change.Found, change.Content);
        var moved = found.Decide(change.At, Decision!.Value);
        if (!moved.Succeeded)
        {
            return Result<string?>.Fail(moved.Errors);
        }

        var reason = GivenReason;
        if (Decision == Cases.Decision.Denied)
        {
            var basis = LegalBasis!.Trim();
            await change.IssueAsync(DocumentKind.DenialDecision, reason, basis, cancellationToken: cancellationToken);
            return $"不予准予：{reason}（依据：{basis}）";
        }

        string? number = null;
        if (content.Result.Type == ResultType.Certificate)
        {
            var validUntil = content.Result.ValidYears is { } years ? change.At.Today.AddYears(years).AddDays(-1) : (DateOnly?)null;
            var (certificate, pdf) = await change.Office.IssueCertificateAsync(found, content, validUntil, change.BaseUrl, cancellationToken);
            number = certificate.Number;
            change.Documents.Add(new IssuedDocument(DocumentKind.Certificate, pdf));
        }

        await change.IssueAsync(DocumentKind.GrantDecision, reason, certificateNumber: number, cancellationToken: cancellationToken);
        return reason is null ? "准予" : $"准予：{reason}";
    }
}
