namespace GovHall.Tests.Infrastructure;

// Every ID number and phone number the tests use, written where test.sh can read them to scan
// the logs of the whole run for any of them.
public static class PersonalValues
{
    private static readonly Lock Gate = new();

    public static void Remember(string value)
    {
        var file = Path.Combine(HallFactory.ArtifactsFolder("logs"), "personal-values.txt");
        lock (Gate)
        {
            File.AppendAllLines(file, [value]);
        }
    }

    // A fresh valid ID number and phone for each registration, so tests do not collide; both
    // are remembered for the log scan.
    public static (string IdNumber, string Phone) NewPerson()
    {
        // Random birth date and sequence: enough combinations that no two tests share one.
        var birth = new DateOnly(1960, 1, 1).AddDays(Random.Shared.Next(0, 16000));
        var seventeen = $"310112{birth:yyyyMMdd}{Random.Shared.Next(0, 1000):D3}";
        int[] weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
        var check = "10X98765432"[seventeen.Select((c, i) => (c - '0') * weights[i]).Sum() % 11];
        Remember(seventeen + check);
        var phone = "139" + Random.Shared.Next(10000000, 99999999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        Remember(phone);
        return (seventeen + check, phone);
    }
}
