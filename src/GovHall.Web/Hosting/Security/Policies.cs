namespace GovHall.Web.Hosting.Security;

public static class Policies
{
    public const string Catalog = "Catalog";
    public const string System = "System";
    public const string Person = "Person";
    public const string Handling = "Handling";
    public const string Revoke = "Revoke";
    public const string PartnerSubmit = "PartnerSubmit";

    // The receipt of a case the partner submitted: with the token it submitted with
    // (cases.submit), or with a read-only one (cases.read).
    public const string PartnerReceipt = "PartnerReceipt";
}
