namespace GovHall.Web.Hosting.Security;

// The key that encrypts ID numbers and phone numbers. It never goes into the database:
// GovHall:PersonalData:Key (base64 of 32 bytes; the same on every node), or else a key file
// made once in {DataDirectory}/keys for a single machine.
public static class PersonalDataKey
{
    public const string Setting = "GovHall:PersonalData:Key";

    public static byte[]? FromSetting(IConfiguration configuration, out string? problem)
    {
        problem = null;
        var configured = configuration[Setting];
        if (string.IsNullOrWhiteSpace(configured))
        {
            return null;
        }

        try
        {
            var key = Convert.FromBase64String(configured);
            if (key.Length == 32)
            {
                return key;
            }
        }
        catch (FormatException)
        {
        }

        problem = $"{Setting} must be the base64 of exactly 32 random bytes (for example: openssl rand -base64 32).";
        return null;
    }

    public static byte[] FromFile(string dataDirectory)
    {
        var folder = Path.Combine(dataDirectory, "keys");
        var path = Path.Combine(folder, "personal-data.key");
        if (File.Exists(path))
        {
            try
            {
                var existing = Convert.FromBase64String(File.ReadAllText(path).Trim());
                if (existing.Length == 32)
                {
                    return existing;
                }
            }
            catch (FormatException)
            {
            }

            throw new InvalidOperationException($"The personal-data key file {path} is damaged: restore it from the backup, or set {Setting}.");
        }

        Directory.CreateDirectory(folder);
        var key = System.Security.Cryptography.RandomNumberGenerator.GetBytes(32);
        File.WriteAllText(path, Convert.ToBase64String(key));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        return key;
    }
}
