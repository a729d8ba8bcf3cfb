namespace GovHall.Web.Hosting.Security;

// What a partner system may be given: submitting cases for applicants it has identified, and
// reading the receipts of its own cases (docs/partner-api.md).
public static class PartnerScopes
{
    public const string SubmitCases = "cases.submit";
    public const string ReadCases = "cases.read";
    public static readonly string[] All = [SubmitCases, ReadCases];
}
