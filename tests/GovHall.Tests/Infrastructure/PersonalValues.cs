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
}
