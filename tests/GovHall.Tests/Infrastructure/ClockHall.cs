using Microsoft.Extensions.DependencyInjection;

namespace GovHall.Tests.Infrastructure;

// A hall with a movable clock and test calendars for the years after this one.
public class ClockHall(TestDatabase database) : HallFactory(database)
{
    public TestClock Clock { get; } = new();

    protected override void ConfigureTestServices(IServiceCollection services) => services.AddSingleton<TimeProvider>(Clock);

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        if (Unavailable is null)
        {
            await TestCalendars.EnterNextYearsAsync(Services, Clock);
        }
    }
}

public sealed class SqliteClockHall() : ClockHall(TestDatabase.Sqlite);

public sealed class PostgresClockHall() : ClockHall(TestDatabase.Postgres);
