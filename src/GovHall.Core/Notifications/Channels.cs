using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using GovHall.Core.Accounts;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.EntityFrameworkCore;
using MimeKit;

namespace GovHall.Core.Notifications;

// The result of one try: sent (with the provider's id, if any), or failed with a reason that
// never holds personal data.
public sealed record SendResult(bool Sent, string? ProviderMessageId = null, string? Error = null)
{
    public static SendResult Ok(string? providerId = null) => new(true, providerId);

    public static SendResult Fail(string error) => new(false, null, error);
}

// One way out. The dispatcher picks the channel by the notification's Channel: which channels
// exist is data (the registered implementations), not a chain of ifs.
public interface INotificationChannel
{
    NotificationChannel Channel { get; }

    // True for a channel whose sending is a write into the hall's own database (the inbox): the
    // dispatcher saves what it adds with the try's outcome, in one transaction.
    bool InDatabase => false;

    Task<SendResult> SendAsync(Notification notification, CancellationToken cancellationToken);
}

// 站内信: written to the person's inbox; the notification's id makes it exist once. The row is
// only added here: the dispatcher commits it with the try's outcome, in one transaction.
public sealed class InboxChannel(HallDbContext db, TimeProvider clock) : INotificationChannel
{
    public NotificationChannel Channel => NotificationChannel.Inbox;

    public bool InDatabase => true;

    public async Task<SendResult> SendAsync(Notification notification, CancellationToken cancellationToken)
    {
        if (notification.AccountId is not { } accountId)
        {
            return SendResult.Fail("no account");
        }

        if (!await db.InboxMessages.AnyAsync(m => m.NotificationId == notification.Id, cancellationToken))
        {
            db.InboxMessages.Add(new InboxMessage
            {
                NotificationId = notification.Id,
                AccountId = accountId,
                CaseId = notification.CaseId,
                Subject = notification.Subject,
                Body = notification.Body,
                CreatedAt = clock.GetUtcNow().UtcDateTime,
            });
        }

        return SendResult.Ok();
    }
}

// Email over SMTP (MailKit). The Message-ID is the notification's own, so a mail sent again
// after a crash between sending and recording is the same message to the recipient's client.
public sealed class EmailChannel(NotificationSettings settings, PersonalData personal) : INotificationChannel
{
    public NotificationChannel Channel => NotificationChannel.Email;

    public async Task<SendResult> SendAsync(Notification notification, CancellationToken cancellationToken)
    {
        var mail = settings.Mail;
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress(mail.FromName, mail.From));
        message.To.Add(MailboxAddress.Parse(personal.Unprotect(notification.AddressProtected!)));
        message.Subject = notification.Subject;
        message.MessageId = $"{notification.Id:N}@govhall";
        message.Body = new TextPart("plain") { Text = notification.TextOf(personal) };
        try
        {
            using var client = new SmtpClient { Timeout = 30_000 };
            await client.ConnectAsync(mail.Host!, mail.Port, mail.StartTls ? SecureSocketOptions.StartTls : SecureSocketOptions.None, cancellationToken);
            if (mail.UserName is { Length: > 0 } user)
            {
                await client.AuthenticateAsync(user, mail.Password ?? "", cancellationToken);
            }

            await client.SendAsync(message, cancellationToken);
            await client.DisconnectAsync(true, cancellationToken);
            return SendResult.Ok(message.MessageId);
        }
        catch (Exception exception) when (exception is IOException or SmtpCommandException or SmtpProtocolException or System.Net.Sockets.SocketException or AuthenticationException or MailKit.ServiceNotConnectedException)
        {
            return SendResult.Fail($"smtp: {exception.GetType().Name}");
        }
    }
}

// SMS through an HTTP gateway (docs/notifications.md): a JSON POST signed with HMAC-SHA256 over
// "{timestamp}\n{body}" in the X-GovHall-Timestamp and X-GovHall-Signature headers; the gateway
// answers {"id": "..."} and later posts delivery receipts signed the same way. The message id
// is ours, so a gateway that sees it twice sends it once.
public sealed class SmsChannel(HttpClient http, NotificationSettings settings, PersonalData personal, TimeProvider clock) : INotificationChannel
{
    public NotificationChannel Channel => NotificationChannel.Sms;

    public sealed record SmsRequest(string MessageId, string To, string Text);

    public sealed record SmsResponse(string? Id);

    public async Task<SendResult> SendAsync(Notification notification, CancellationToken cancellationToken)
    {
        var sms = settings.Sms;
        var body = JsonSerializer.Serialize(new SmsRequest(notification.Id.ToString("N"), personal.Unprotect(notification.AddressProtected!),
            $"【{sms.Signature}】{notification.TextOf(personal)}"), GatewayJson.Options);
        using var request = new HttpRequestMessage(HttpMethod.Post, sms.GatewayUrl) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        var timestamp = clock.GetUtcNow().ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        request.Headers.Add(GatewayJson.TimestampHeader, timestamp);
        request.Headers.Add(GatewayJson.SignatureHeader, GatewayJson.Sign(sms.Secret!, timestamp, body));
        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                return SendResult.Fail($"gateway: HTTP {(int)response.StatusCode}");
            }

            var answer = await response.Content.ReadFromJsonAsync<SmsResponse>(GatewayJson.Options, cancellationToken);
            return SendResult.Ok(answer?.Id is { Length: > 0 and <= 100 } id ? id : notification.Id.ToString("N"));
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException or JsonException)
        {
            return SendResult.Fail($"gateway: {exception.GetType().Name}");
        }
    }
}

public static class GatewayJson
{
    public const string TimestampHeader = "X-GovHall-Timestamp";
    public const string SignatureHeader = "X-GovHall-Signature";

    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Sign(string secret, string timestamp, string body) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{timestamp}\n{body}")));

    // A signature that matches and a timestamp within five minutes of now (no replays later).
    public static bool Verify(string secret, string? timestamp, string body, string? signature, DateTimeOffset now) =>
        long.TryParse(timestamp, out var seconds) && Math.Abs(now.ToUnixTimeSeconds() - seconds) <= 300
        && SignatureMatches(secret, timestamp, body, signature);

    public static bool SignatureMatches(string secret, string? timestamp, string body, string? signature)
    {
        if (timestamp is null || signature is null)
        {
            return false;
        }

        var expected = Encoding.ASCII.GetBytes(Sign(secret, timestamp, body));
        return CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(signature.ToLowerInvariant()));
    }
}
