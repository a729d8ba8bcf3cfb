namespace GovHall.Web;

public static class Policies
{
    public const string Catalog = "Catalog";
    public const string System = "System";
    public const string Person = "Person";
    public const string Handling = "Handling";
    public const string Revoke = "Revoke";
    public const string PartnerSubmit = "PartnerSubmit";
    public const string PartnerRead = "PartnerRead";
}
