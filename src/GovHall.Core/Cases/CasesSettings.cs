namespace GovHall.Core.Cases;

public sealed class CasesSettings
{
    // How long an untouched draft is kept (from its last save).
    public int DraftDays { get; set; } = 30;

    // The department that handles the cases of every department (the bureau's 行政审批科:
    // 一窗受理 and 相对集中行政许可); staff of other departments see only their own items.
    public string ApprovalOffice { get; set; } = "行政审批科";

    // A case turns yellow when this many working days or fewer are left, red when overdue.
    public int YellowDays { get; set; } = 3;

    // Calendar days the applicant is given to correct after a one-time notice; a reminder
    // goes out three working days before.
    public int CorrectionDays { get; set; } = 30;

    // How many masked fields one member of staff may open whole in an hour (RevealPersonalData).
    public int RevealsPerHour { get; set; } = 20;

    // Each bureau's abbreviation in its document numbers (机关代字, 闵教 in 闵教许受〔2026〕12号),
    // by the bureau's credit code; a bureau not named uses its full name (DocumentNumbers). The
    // first customer's is built in, as the certificate issuer is (CertificateSettings.Issuer).
    public Dictionary<string, string> DocumentAbbreviations { get; set; } = new() { ["1131011200245871XF"] = "闵教" };
}
