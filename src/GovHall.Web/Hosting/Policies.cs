namespace GovHall.Web;

public static class Policies
{
    public const string Catalog = "Catalog";
    public const string System = "System";
    public const string Person = "Person";
}
