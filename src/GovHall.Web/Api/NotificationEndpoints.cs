using GovHall.Core.Notifications;

namespace GovHall.Web.Api;

// Delivery receipts from the SMS gateway (docs/notifications.md): signed like our requests to
// it. A bad signature is 401, an unknown message 404; both are logged without the body (it
// may carry a phone number).
public static partial class NotificationEndpoints
{
    public static IEndpointRouteBuilder MapNotificationEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/api/v1/sms/receipts", ReceiptAsync).WithTags("Notifications").AllowAnonymous()
            .WithName("SmsReceipt").WithSummary("A delivery receipt from the SMS gateway, signed with the shared secret (X-GovHall-Timestamp, X-GovHall-Signature).");
        return endpoints;
    }

    private static async Task<IResult> ReceiptAsync(HttpContext context, NotificationSettings settings, SmsReceipts receipts, TimeProvider clock, ILogger<SmsReceipts> logger, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync(cancellationToken);
        if (!settings.Sms.Enabled || body.Length > 4000
            || !GatewayJson.Verify(settings.Sms.Secret!, context.Request.Headers[GatewayJson.TimestampHeader], body, context.Request.Headers[GatewayJson.SignatureHeader], clock.GetUtcNow()))
        {
            LogRefused(logger, "bad signature", context.ClientAddressText());
            return Problems.Of(StatusCodes.Status401Unauthorized, "sms.receipt_signature", "回执签名无效。");
        }

        SmsReceipts.Receipt? receipt;
        try
        {
            receipt = System.Text.Json.JsonSerializer.Deserialize<SmsReceipts.Receipt>(body, GatewayJson.Options);
        }
        catch (System.Text.Json.JsonException)
        {
            receipt = null;
        }

        var outcome = receipt is null ? ReceiptOutcome.Unknown : await receipts.ApplyAsync(receipt, cancellationToken);
        if (outcome == ReceiptOutcome.Unknown)
        {
            LogRefused(logger, "unknown message", context.ClientAddressText());
            return Problems.Of(StatusCodes.Status404NotFound, "sms.receipt_unknown", "没有这条短信。");
        }

        return Results.NoContent();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "SMS receipt refused ({Why}) from {Address}")]
    private static partial void LogRefused(ILogger logger, string why, string? address);
}
