using Microsoft.Extensions.DependencyInjection;

namespace GovHall.Tests.Infrastructure;

// A hall with a movable clock and test calendars for the years after this one.
public class ClockHall(TestDatabase database) : HallFactory(database)
{
    public TestClock Clock { get; } = new();

    // Whether the years after this one get test calendars (weekends only).
    protected virtual bool WithNextYears => true;

    protected override void ConfigureTestServices(IServiceCollection services) => services.AddSingleton<TimeProvider>(Clock);

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        if (Unavailable is null && WithNextYears)
        {
            await TestCalendars.EnterNextYearsAsync(Services, Clock);
        }
    }
}

public sealed class SqliteClockHall() : ClockHall(TestDatabase.Sqlite);

public sealed class PostgresClockHall() : ClockHall(TestDatabase.Postgres);

// A hall on Monday 2026-12-14, 10:00 in Beijing, whose calendar has only the official years
// (2025 and 2026): 2027's arrangement is not entered, as before the State Council publishes it.
public class DecemberHall : ClockHall
{
    public static readonly DateTimeOffset Start = new(2026, 12, 14, 10, 0, 0, TimeSpan.FromHours(8));

    protected DecemberHall(TestDatabase database) : base(database) => Clock.SetTo(Start);

    protected override bool WithNextYears => false;
}

public sealed class SqliteDecemberHall() : DecemberHall(TestDatabase.Sqlite);

public sealed class PostgresDecemberHall() : DecemberHall(TestDatabase.Postgres);
