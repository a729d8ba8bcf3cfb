using GovHall.Core;
using GovHall.Core.Calendar;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GovHall.Tests.Infrastructure;

// A clock the tests move forward (days pass during a suspension), starting at the real time.
public sealed class TestClock : TimeProvider
{
    private TimeSpan offset;

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + offset;

    public void Advance(TimeSpan by) => offset += by;

    // From now on the clock reads `moment`, and runs on from there.
    public void SetTo(DateTimeOffset moment) => offset = moment - System.GetUtcNow();
}

public static class TestCalendars
{
    // Test data: weekends-only calendars for the two years after this one (the State Council
    // has not published them; the official years are tested in WorkingDaysTests and
    // CaseClockTests), so deadlines that run into them can be computed.
    public static async Task EnterNextYearsAsync(IServiceProvider services, TimeProvider clock)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HallDbContext>();
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var later in new[] { now.Year + 1, now.Year + 2 })
        {
            if (!await db.CalendarYears.AnyAsync(y => y.Year == later))
            {
                db.CalendarYears.Add(new CalendarYear { Year = later, Basis = "测试数据：仅周末休息", EnteredBy = "test", EnteredAt = now });
            }
        }

        await db.SaveChangesAsync();
    }
}
