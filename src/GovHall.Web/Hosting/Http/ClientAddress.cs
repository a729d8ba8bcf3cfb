namespace GovHall.Web.Hosting.Http;

public static class ClientAddress
{
    // The client's address as the audit log records it (the forwarded one behind a named proxy).
    public static string? ClientAddressText(this HttpContext context) => context.Connection.RemoteIpAddress?.ToString();
}
