using Microsoft.Extensions.DependencyInjection;

namespace GovHall.Core.Calendar;

public static class CalendarServices
{
    public static IServiceCollection AddWorkCalendar(this IServiceCollection services)
    {
        services.AddScoped<WorkCalendar>();
        services.AddScoped<EnterCalendarYear>();
        services.AddScoped<CalendarYears>();
        return services;
    }
}
