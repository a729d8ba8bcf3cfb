namespace GovHall.Web;

public static class Policies
{
    public const string Catalog = "Catalog";
}
