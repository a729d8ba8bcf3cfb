using System.Net;
using System.Text;
using System.Text.Json;
using GovHall.Core;
using GovHall.Core.Accounts;
using GovHall.Core.Cases;
using GovHall.Core.Notifications;
using GovHall.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GovHall.Tests.Notifications;

// A hall whose mail goes to a real SMTP server (maildev) and whose SMS go to a fake gateway
// speaking the documented protocol; the dispatcher runs only when a test says so.
public class NotifyHall(TestDatabase database) : ClockHall(database)
{
    public Maildev? Mail { get; private set; }
    public FakeSmsGateway Gateway { get; private set; } = null!;

    protected override IReadOnlyDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
    {
        ["GovHall:Notifications:DispatchIntervalSeconds"] = "0",
        ["GovHall:Notifications:Mail:Host"] = "127.0.0.1",
        ["GovHall:Notifications:Mail:Port"] = Mail?.SmtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "1",
        ["GovHall:Notifications:Sms:GatewayUrl"] = Gateway.Url,
        ["GovHall:Notifications:Sms:Secret"] = FakeSmsGateway.Secret,
        ["GovHall:PublicUrl"] = "https://hall.example",
    };

    public string? MailUnavailable { get; private set; }

    public override async ValueTask InitializeAsync()
    {
        MailUnavailable = Maildev.Unavailable();
        if (MailUnavailable is not null && InCi)
        {
            throw new InvalidOperationException(MailUnavailable);
        }

        Mail = MailUnavailable is null ? await Maildev.StartAsync() : null;
        Gateway = await FakeSmsGateway.StartAsync();
        await base.InitializeAsync();
    }

    public override void SkipIfUnavailable()
    {
        base.SkipIfUnavailable();
        if (MailUnavailable is not null)
        {
            Assert.Skip(MailUnavailable);
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (Mail is not null)
        {
            await Mail.DisposeAsync();
        }

        await Gateway.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}

public sealed class SqliteNotifyHall() : NotifyHall(TestDatabase.Sqlite);

public sealed class PostgresNotifyHall() : NotifyHall(TestDatabase.Postgres);

public abstract partial class NotificationTests(NotifyHall hall) : HallTest(hall)
{
    private NotifyHall Notify => (NotifyHall)Hall;

    private async Task<int> DispatchAsync(string node = "test")
    {
        await using var scope = Hall.Services.CreateAsyncScope();
        var dispatcher = scope.ServiceProvider.GetRequiredService<NotificationDispatcher>();
        var total = 0;
        int sent;
        while ((sent = await dispatcher.DispatchOnceAsync(node, 50, Cancel)) > 0)
        {
            total += sent;
        }

        return total;
    }

    // Daytime in Beijing, so SMS are not held for quiet hours unless a test wants them to be.
    // What other tests of the class left due is sent first, so counts are this test's own.
    private async Task StartAtChinaHourAsync(int hour)
    {
        MoveToChinaHour(hour);
        await DispatchAsync("drain");
    }

    private void MoveToChinaHour(int hour)
    {
        var china = ChinaDate.ToChinaTime(Notify.Clock.GetUtcNow().UtcDateTime);
        var wanted = china.Date.AddHours(hour);
        if (wanted <= china)
        {
            wanted = wanted.AddDays(1);
        }

        Notify.Clock.Advance(wanted - china);
    }

    private Task<List<Notification>> NotificationsAsync(Guid caseId) =>
        Hall.WithDbAsync(db => db.Notifications.AsNoTracking().Where(n => n.CaseId == caseId).ToListAsync(Cancel));

    private Task<Case> CaseAsync(string code) => Hall.WithDbAsync(db => db.Cases.AsNoTracking().SingleAsync(c => c.TrackingCode == code, Cancel));

    [Fact]
    public async Task CaseEvents_ProduceTheirMessages_OnTheRightChannels_Once_WithMailReadBackFromSmtp()
    {
        await StartAtChinaHourAsync(10);
        var readAt = Notify.Clock.GetUtcNow().UtcDateTime;
        await Hall.WithDbAsync(db => db.InboxMessages.ExecuteUpdateAsync(set => set.SetProperty(m => m.ReadAt, readAt), Cancel));
        var zhangsan = await Staff.SignInAsync(Hall, "zhangsan");
        var code = await TeacherApplication.SubmitAsync(Hall, zhangsan);
        var found = await CaseAsync(code);

        // Submitted: inbox and email by default (no SMS).
        var queued = await NotificationsAsync(found.Id);
        Assert.Equal([NotificationChannel.Inbox, NotificationChannel.Email], queued.Select(n => n.Channel).Order());
        Assert.All(queued, n => Assert.Equal(NotificationKind.CaseSubmitted, n.Kind));

        // Returned with a one-time notice: inbox, email and SMS, each with the whole notice.
        var clerk = await Staff.SignInAsync(Hall, "clerk");
        var (returned, _) = await Workbench.ActAsync(clerk, code, CaseAction.RequestCorrection, new()
        {
            ["fix"] = TeacherApplication.Photo, [$"why:{TeacherApplication.Photo}"] = "照片背景应为白色，请重新上传。",
        });
        Assert.Equal(HttpStatusCode.Redirect, returned.StatusCode);
        var correction = (await NotificationsAsync(found.Id)).Where(n => n.Kind == NotificationKind.CorrectionRequested).ToList();
        Assert.Equal([NotificationChannel.Inbox, NotificationChannel.Email, NotificationChannel.Sms], correction.Select(n => n.Channel).Order());

        Assert.Equal(5, await DispatchAsync());
        Assert.Equal(0, await DispatchAsync());
        Assert.All(await NotificationsAsync(found.Id), n => Assert.Equal(NotificationState.Sent, n.State));

        // The mail, read back from the SMTP server: recipient, subject and Chinese body intact.
        var display = TrackingCode.Display(code);
        var mails = (await Notify.Mail!.EmailsAsync()).Where(m => m.GetProperty("text").GetString()!.Contains(display, StringComparison.Ordinal)).ToList();
        var notice = Assert.Single(mails, m => m.GetProperty("subject").GetString() == $"【{Demo.TeacherQualification}】请补正材料");
        Assert.Equal("zhangsan@example.com", notice.GetProperty("to")[0].GetProperty("address").GetString());
        var text = notice.GetProperty("text").GetString()!;
        Assert.Contains("本人近期免冠证件照片：照片背景应为白色，请重新上传。", text, StringComparison.Ordinal);
        Assert.Contains(TrackingCode.Display(code), text, StringComparison.Ordinal);
        Assert.Single(mails, m => m.GetProperty("subject").GetString() == $"【{Demo.TeacherQualification}】申请已提交");

        // The SMS, once, to the contact phone, with the notice.
        var sms = Assert.Single(Notify.Gateway.Received, r => r.Text.Contains("照片背景应为白色", StringComparison.Ordinal));
        Assert.Equal("13800000001", sms.To);
        Assert.StartsWith("【闵行教育】", sms.Text, StringComparison.Ordinal);

        // The inbox: the notice, unread, counted in the header; opening it marks it read.
        var inbox = await Html.GetAsync(zhangsan, "/account/me/inbox");
        Assert.Equal("2", inbox.QuerySelector("#unread")!.TextContent);
        var link = inbox.QuerySelectorAll("#inbox a").First(a => a.TextContent.Contains("请补正材料", StringComparison.Ordinal));
        var opened = await Html.GetAsync(zhangsan, link.GetAttribute("href")!);
        Assert.Contains("照片背景应为白色", opened.QuerySelector("#message")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("1", opened.QuerySelector("#unread")!.TextContent);
    }

    [Fact]
    public async Task Reminders_OnSchedule_DraftCorrectionCertificateAndStaffDigest_EachOnce()
    {
        await StartAtChinaHourAsync(10);
        var zhangsan = await Hall.WithDbAsync(db => db.Users.Where(u => u.UserName == "zhangsan").Select(u => u.Id).SingleAsync(Cancel));
        var clerk = await Hall.WithDbAsync(db => db.Users.Where(u => u.UserName == "clerk").Select(u => u.Id).SingleAsync(Cancel));
        var teacher = await Hall.WithDbAsync(db => db.ServiceItems.Where(i => i.Name == Demo.TeacherQualification).Select(i => i.Code).SingleAsync(Cancel));
        Guid draftId;
        await using (var scope = Hall.Services.CreateAsyncScope())
        {
            draftId = (await scope.ServiceProvider.GetRequiredService<StartDraft>().RunAsync(zhangsan, teacher, "小学教师资格", null, Cancel)).Value!.Id;
        }

        // A submitted case with a certificate valid for 55 more days.
        var code = await TeacherApplication.SubmitAsync(Hall, await Staff.SignInAsync(Hall, "zhangsan"));
        var submitted = await CaseAsync(code);
        Guid certificateId;
        await using (var scope = Hall.Services.CreateAsyncScope())
        {
            var (certificate, _) = await scope.ServiceProvider.GetRequiredService<Core.Certificates.CertificateService>()
                .IssueAsync(submitted, "教师资格证书", ChinaDate.Today(Notify.Clock).AddDays(55), "https://hall.example", null, [], null, Cancel);
            await scope.ServiceProvider.GetRequiredService<HallDbContext>().SaveChangesAsync(Cancel);
            certificateId = certificate.Id;
        }

        // A second case, returned for correction: 30 days to correct.
        var returnedCode = await TeacherApplication.SubmitAsync(Hall, await Staff.SignInAsync(Hall, "zhangsan"));
        var (returnedResponse, _) = await Workbench.ActAsync(await Staff.SignInAsync(Hall, "clerk"), returnedCode, CaseAction.RequestCorrection, new()
        {
            ["fix"] = TeacherApplication.Photo, [$"why:{TeacherApplication.Photo}"] = "照片模糊",
        });
        Assert.Equal(HttpStatusCode.Redirect, returnedResponse.StatusCode);
        var returned = await CaseAsync(returnedCode);
        Assert.Equal(ChinaDate.Today(Notify.Clock).AddDays(30), returned.CorrectionDueOn);
        Assert.Contains($"请于 {Notifier.DateText(returned.CorrectionDueOn)} 前", (await NotificationsAsync(returned.Id)).Single(n => n.Channel == NotificationChannel.Inbox && n.Kind == NotificationKind.CorrectionRequested).Body, StringComparison.Ordinal);

        async Task<int> RunAsync()
        {
            await using var scope = Hall.Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<Reminders>().RunAsync(Cancel);
        }

        Task<List<Notification>> OfKindAsync(NotificationKind kind) =>
            Hall.WithDbAsync(db => db.Notifications.AsNoTracking().Where(n => n.Kind == kind).ToListAsync(Cancel));

        // Today: the certificate is inside 90 days; the draft has a month left; the case is fresh.
        await RunAsync();
        var certificateReminders = (await OfKindAsync(NotificationKind.CertificateExpiring)).Where(n => n.IdempotencyKey.StartsWith($"certificate:{certificateId}:", StringComparison.Ordinal)).ToList();
        Assert.Equal([NotificationChannel.Inbox, NotificationChannel.Email, NotificationChannel.Sms], certificateReminders.Select(n => n.Channel).Order());
        Assert.Contains("教师资格证书", certificateReminders[0].Body, StringComparison.Ordinal);
        Assert.DoesNotContain(await OfKindAsync(NotificationKind.DraftExpiring), n => n.IdempotencyKey.Contains(draftId.ToString(), StringComparison.Ordinal));
        Assert.DoesNotContain(await OfKindAsync(NotificationKind.CorrectionExpiring), n => n.CaseId == returned.Id);
        await RunAsync();
        Assert.Equal(3, (await OfKindAsync(NotificationKind.CertificateExpiring)).Count(n => n.IdempotencyKey.StartsWith($"certificate:{certificateId}:", StringComparison.Ordinal)));

        // 28 days on: the draft expires within three working days (once); the certificate is
        // inside 30 days (its second reminder); the window's acceptance step is overdue (digest).
        // The hall is shared by the class, so cases other tests left overdue may already have
        // brought the clerk a digest on an earlier day; only the digest of this day is counted.
        Notify.Clock.Advance(TimeSpan.FromDays(28));
        MoveToChinaHour(9);
        await RunAsync();
        await RunAsync();
        var draftReminders = (await OfKindAsync(NotificationKind.DraftExpiring)).Where(n => n.IdempotencyKey.Contains(draftId.ToString(), StringComparison.Ordinal)).ToList();
        Assert.Equal([NotificationChannel.Inbox, NotificationChannel.Email], draftReminders.Select(n => n.Channel).Order());
        Assert.Contains("草稿将于", draftReminders[0].Body, StringComparison.Ordinal);
        Assert.Equal(6, (await OfKindAsync(NotificationKind.CertificateExpiring)).Count(n => n.IdempotencyKey.StartsWith($"certificate:{certificateId}:", StringComparison.Ordinal)));
        var correctionReminders = (await OfKindAsync(NotificationKind.CorrectionExpiring)).Where(n => n.CaseId == returned.Id).ToList();
        Assert.Equal([NotificationChannel.Inbox, NotificationChannel.Email, NotificationChannel.Sms], correctionReminders.Select(n => n.Channel).Order());
        Assert.Contains("补正期限为", correctionReminders[0].Body, StringComparison.Ordinal);
        var digestKey = $"digest:{clerk}:{ChinaDate.Today(Notify.Clock):yyyyMMdd}";
        var digest = (await OfKindAsync(NotificationKind.StaffDigest)).Where(n => n.AccountId == clerk && n.IdempotencyKey.StartsWith(digestKey, StringComparison.Ordinal)).ToList();
        Assert.Equal([NotificationChannel.Inbox], digest.Select(n => n.Channel).Distinct());
        Assert.Single(digest, n => n.Channel == NotificationChannel.Inbox);
        Assert.Contains($"红牌 {Demo.TeacherQualification} {TrackingCode.Display(code)}", digest[0].Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EveryCaseEvent_QueuesItsKindOnItsDefaultChannels_ExactlyOnce()
    {
        await StartAtChinaHourAsync(10);
        var zhangsan = await Staff.SignInAsync(Hall, "zhangsan");
        var code = await TeacherApplication.SubmitAsync(Hall, zhangsan);
        var clerk = await Staff.SignInAsync(Hall, "clerk");
        var reviewer = await Staff.SignInAsync(Hall, "reviewer");
        var approver = await Staff.SignInAsync(Hall, "approver");
        await Workbench.ActAsync(clerk, code, CaseAction.Accept);
        await Workbench.ActAsync(reviewer, code, CaseAction.Review, new() { ["reason"] = "符合条件" });
        await Workbench.ActAsync(approver, code, CaseAction.Suspend, new() { ["procedure"] = "专家评审", ["reason"] = "需专家评审" });
        await Workbench.ActAsync(approver, code, CaseAction.Resume);
        await Workbench.ActAsync(approver, code, CaseAction.RequestExtension, new() { ["days"] = "10", ["reason"] = "情况复杂" });
        await Workbench.ActAsync(approver, code, CaseAction.Extend);
        await Workbench.ActAsync(approver, code, CaseAction.Decide, new() { ["decision"] = "Granted" });
        var (concluded, _) = await Workbench.ActAsync(clerk, code, CaseAction.Conclude, new() { ["delivery"] = "ElectronicCertificate" });
        Assert.Equal(HttpStatusCode.Redirect, concluded.StatusCode);

        var found = await CaseAsync(code);
        var queued = (await NotificationsAsync(found.Id)).Select(n => $"{n.Kind}/{n.Channel}").Order().ToList();
        string[] expected =
        [
            "CaseAccepted/Email", "CaseAccepted/Inbox", "CaseAccepted/Sms",
            "CaseConcluded/Email", "CaseConcluded/Inbox",
            "CaseDecided/Email", "CaseDecided/Inbox", "CaseDecided/Sms",
            "CaseExtended/Email", "CaseExtended/Inbox", "CaseExtended/Sms",
            "CaseResumed/Email", "CaseResumed/Inbox",
            "CaseSubmitted/Email", "CaseSubmitted/Inbox",
            "CaseSuspended/Email", "CaseSuspended/Inbox",
            "CertificateReady/Email", "CertificateReady/Inbox", "CertificateReady/Sms",
        ];
        Assert.Equal(expected.Order(), queued);
        // Nobody is invited to rate before the hall takes ratings (issue 23; ratings come with issue 24).
        Assert.DoesNotContain(await Hall.WithDbAsync(db => db.InboxMessages.Where(m => m.CaseId == found.Id).Select(m => m.Body).ToListAsync(Cancel)),
            body => body.Contains("评价", StringComparison.Ordinal));

        // Delivered once each, whatever the number of dispatcher runs.
        await DispatchAsync();
        await DispatchAsync("another-node");
        var smsIds = (await NotificationsAsync(found.Id)).Where(n => n.Channel == NotificationChannel.Sms).Select(n => n.Id.ToString("N")).ToList();
        Assert.Equal(smsIds.Count, Notify.Gateway.Received.Count(r => smsIds.Contains(r.MessageId)));
        Assert.Equal(expected.Count(e => e.EndsWith("/Inbox", StringComparison.Ordinal)),
            await Hall.WithDbAsync(db => db.InboxMessages.CountAsync(m => m.CaseId == found.Id, Cancel)));
        var extendedTo = Notifier.DateText(found.Deadline);
        Assert.Contains(await Notify.Mail!.EmailsAsync(), m => m.GetProperty("subject").GetString() == $"【{Demo.TeacherQualification}】办理期限延长"
            && m.GetProperty("text").GetString()!.Contains($"新的办结期限为 {extendedTo}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task QuietHours_HoldNonUrgentSmsUntilMorning_AndPreferencesAreRespected()
    {
        await StartAtChinaHourAsync(23);
        var later = await QueueSmsAsync(urgent: false);
        var urgent = await QueueSmsAsync(urgent: true);
        Assert.Equal(1, await DispatchAsync());
        Assert.Single(Notify.Gateway.Received, r => r.MessageId == urgent.ToString("N"));
        var held = await Hall.WithDbAsync(db => db.Notifications.AsNoTracking().SingleAsync(n => n.Id == later, Cancel));
        Assert.Equal(NotificationState.Pending, held.State);
        Assert.Equal(0, held.Attempts);
        Assert.Equal(8, ChinaDate.ToChinaTime(held.NextAttemptAt).Hour);
        MoveToChinaHour(8);
        await DispatchAsync();
        Assert.Single(Notify.Gateway.Received, r => r.MessageId == later.ToString("N"));
        Assert.Equal(NotificationState.Sent, (await Hall.WithDbAsync(db => db.Notifications.AsNoTracking().SingleAsync(n => n.Id == later, Cancel))).State);

        // 张三 turns email off for "submitted" (allowed) and tries to for "accepted" (required: kept).
        MoveToChinaHour(10);
        var zhangsan = await Staff.SignInAsync(Hall, "zhangsan");
        var preferences = await Html.GetAsync(zhangsan, "/account/me/notifications");
        Assert.NotNull(preferences.QuerySelector("input[name='email:CaseAccepted'][disabled]"));
        var saved = await Html.SubmitAsync(zhangsan, preferences, "#preferences", new Dictionary<string, string> { ["email:CaseSubmitted"] = "false", ["sms:CertificateReady"] = "false" });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var code = await TeacherApplication.SubmitAsync(Hall, zhangsan);
        var found = await CaseAsync(code);
        Assert.Equal([NotificationChannel.Inbox], (await NotificationsAsync(found.Id)).Select(n => n.Channel));
        await Workbench.ActAsync(await Staff.SignInAsync(Hall, "clerk"), code, CaseAction.Accept);
        var accepted = (await NotificationsAsync(found.Id)).Where(n => n.Kind == NotificationKind.CaseAccepted).Select(n => n.Channel).Order();
        Assert.Equal([NotificationChannel.Inbox, NotificationChannel.Email, NotificationChannel.Sms], accepted);

        // Back to the defaults for the other tests of the class.
        await Hall.WithDbAsync(db => db.NotificationPreferences.ExecuteDeleteAsync(Cancel));
    }

    [Fact]
    public async Task Template_WithAnUnknownVariable_CannotBeSaved_AndAGoodOneIsUsed()
    {
        await StartAtChinaHourAsync(10);
        var admin = await Staff.SignInAsync(Hall, "admin");
        var page = await Html.GetAsync(admin, "/system/templates?kind=CaseSubmitted");
        var bad = await Html.SubmitAsync(admin, page, "#template", new Dictionary<string, string> { ["Body"] = "{applicant}：您的{phone}已登记" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("{phone}", (await Html.ParseAsync(bad)).QuerySelector("#problems")!.TextContent, StringComparison.Ordinal);
        Assert.False(await Hall.WithDbAsync(db => db.NotificationTemplates.AnyAsync(Cancel)));

        var preview = await Html.SubmitAsync(admin, page, "#template", new Dictionary<string, string> { ["Body"] = "{applicant}：“{item}”已收到，查询码 {code}。" }, "preview", "1");
        Assert.Contains("张三：“幼儿园、小学和初级中学教师资格认定”已收到", (await Html.ParseAsync(preview)).QuerySelector("#preview")!.TextContent, StringComparison.Ordinal);
        var good = await Html.SubmitAsync(admin, page, "#template", new Dictionary<string, string> { ["Body"] = "{applicant}：“{item}”已收到，查询码 {code}。" });
        Assert.Equal(HttpStatusCode.Redirect, good.StatusCode);

        var zhangsan = await Staff.SignInAsync(Hall, "zhangsan");
        var code = await TeacherApplication.SubmitAsync(Hall, zhangsan);
        var found = await CaseAsync(code);
        var inbox = (await NotificationsAsync(found.Id)).Single(n => n.Channel == NotificationChannel.Inbox);
        Assert.Equal($"张三：“{Demo.TeacherQualification}”已收到，查询码 {TrackingCode.Display(code)}。", inbox.Body);
        await Hall.WithDbAsync(db => db.NotificationTemplates.ExecuteDeleteAsync(Cancel));
    }

    private async Task<Guid> QueueSmsAsync(bool urgent)
    {
        await using var scope = Hall.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HallDbContext>();
        var now = Notify.Clock.GetUtcNow().UtcDateTime;
        var notification = new Notification
        {
            IdempotencyKey = $"test:{Guid.NewGuid()}", Kind = NotificationKind.CaseAccepted, Channel = NotificationChannel.Sms,
            AddressProtected = scope.ServiceProvider.GetRequiredService<PersonalData>().Protect("13800000002"),
            Subject = "测试", Body = "您的办件已受理。", Urgent = urgent, State = NotificationState.Pending, NextAttemptAt = now, CreatedAt = now,
        };
        db.Notifications.Add(notification);
        await db.SaveChangesAsync(Cancel);
        return notification.Id;
    }

    private Task<HttpResponseMessage> PostReceiptAsync(string messageId, string status, string secret = FakeSmsGateway.Secret)
    {
        var body = JsonSerializer.Serialize(new { messageId, status }, GatewayJson.Options);
        var timestamp = Notify.Clock.GetUtcNow().ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/sms/receipts") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add(GatewayJson.TimestampHeader, timestamp);
        request.Headers.Add(GatewayJson.SignatureHeader, GatewayJson.Sign(secret, timestamp, body));
        return Client.SendAsync(request, Cancel);
    }
}

public sealed class NotificationTests_Sqlite(SqliteNotifyHall hall) : NotificationTests(hall), IClassFixture<SqliteNotifyHall>;

public sealed class NotificationTests_Postgres(PostgresNotifyHall hall) : NotificationTests(hall), IClassFixture<PostgresNotifyHall>;
