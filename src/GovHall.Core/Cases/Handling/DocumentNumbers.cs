using System.Globalization;
using GovHall.Core.Catalog;

namespace GovHall.Core.Cases;

// 文号: the number a bureau gives each letter it issues, per bureau, per kind of letter and per
// year, in the form of GB/T 9704 (机关代字 + 〔year〕 + sequence + 号): 闵教许受〔2026〕12号.
// The sequence is counted by one upsert in the action's own transaction, so on PostgreSQL the
// counter row stays locked until the decision commits: concurrent decisions on any number of
// nodes take turns on it, and a decision that rolls back gives its number back. The numbers of
// one kind and year are therefore continuous, with no gap and no repeat (tested on PostgreSQL
// with two nodes deciding at once).
public static class DocumentNumbers
{
    // The kind's word after the bureau's abbreviation; the certificate has its own number.
    public static string? KindWord(DocumentKind kind, Case found) => kind switch
    {
        DocumentKind.CorrectionNotice => "许补",
        DocumentKind.AcceptanceNotice => "许受",
        DocumentKind.RefusalNotice => "许不受",
        DocumentKind.ExtensionNotice => "许延",
        DocumentKind.GrantDecision => CaseNotices.IsFiling(found) ? "备" : "许准",
        DocumentKind.DenialDecision => "许不准",
        DocumentKind.Certificate => null,
    };

    // The bureau's abbreviation (机关代字): GovHall:Cases:DocumentAbbreviations by the bureau's
    // credit code, else its name.
    public static string Abbreviation(ImplementingBody bureau, CasesSettings settings) =>
        settings.DocumentAbbreviations.TryGetValue(bureau.CreditCode, out var abbreviation) && abbreviation.Trim().Length > 0
            ? abbreviation.Trim()
            : bureau.Name;

    public static async Task<string?> NextAsync(
        HallDbContext db, DocumentKind kind, Case found, ImplementingBody bureau, CasesSettings settings, DateOnly day, CancellationToken cancellationToken)
    {
        if (KindWord(kind, found) is not { } word)
        {
            return null;
        }

        var key = $"doc:{bureau.CreditCode}:{word}:{day.Year.ToString(CultureInfo.InvariantCulture)}";
        var next = await CaseNumbers.TakeAsync(db, key, cancellationToken);
        return $"{Abbreviation(bureau, settings)}{word}〔{day.Year.ToString(CultureInfo.InvariantCulture)}〕{next.ToString(CultureInfo.InvariantCulture)}号";
    }
}
