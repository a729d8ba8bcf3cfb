using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace GovHall.Core.Notifications;

public static class NotificationsServices
{
    public static IServiceCollection AddNotifications(this IServiceCollection services, NotificationSettings settings)
    {
        services.AddSingleton(settings);
        services.TryAddSingleton<WriteTurns>();
        services.TryAddSingleton<HallMetrics>();
        services.AddSingleton<DispatchSignal>();
        services.AddScoped<CodeOutbox>();
        services.AddScoped<Notifier>();
        services.AddScoped<NotificationDispatcher>();
        services.AddScoped<SmsReceipts>();
        services.AddScoped<Reminders>();
        services.AddScoped<SaveTemplate>();
        services.AddScoped<SaveNotificationPreferences>();
        services.AddScoped<Outbox>();
        services.AddScoped<Inbox>();
        services.AddScoped<INotificationChannel, InboxChannel>();
        services.AddScoped<INotificationChannel, EmailChannel>();
        // SmsChannel needs an HttpClient: the host registers it (AddHttpClient) with the mapping.
        return services;
    }
}
