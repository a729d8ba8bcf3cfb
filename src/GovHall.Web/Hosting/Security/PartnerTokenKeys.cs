using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace GovHall.Web.Hosting.Security;

// The keys of the partner tokens never live in the database:
//   GovHall:Tokens:SigningKey      PEM of an RSA private key (the same on every node), or a key
//   GovHall:Tokens:EncryptionKey   base64 of 32 bytes; without them, files made once in
//                                  {DataDirectory}/keys (one machine only).
internal static class PartnerTokenKeys
{
    public static (SecurityKey Signing, SecurityKey Encryption) Read(IConfiguration configuration, string dataDirectory)
    {
        var folder = Path.Combine(dataDirectory, "keys");
        Directory.CreateDirectory(folder);
        var rsa = RSA.Create();
        var signingPem = configuration["GovHall:Tokens:SigningKey"];
        var signingFile = Path.Combine(folder, "token-signing.pem");
        if (string.IsNullOrWhiteSpace(signingPem))
        {
            if (!File.Exists(signingFile))
            {
                using var fresh = RSA.Create(2048);
                File.WriteAllText(signingFile, fresh.ExportPkcs8PrivateKeyPem());
                Restrict(signingFile);
            }

            signingPem = File.ReadAllText(signingFile);
        }

        rsa.ImportFromPem(signingPem);
        var encryptionText = configuration["GovHall:Tokens:EncryptionKey"];
        var encryptionFile = Path.Combine(folder, "token-encryption.key");
        if (string.IsNullOrWhiteSpace(encryptionText))
        {
            if (!File.Exists(encryptionFile))
            {
                File.WriteAllText(encryptionFile, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
                Restrict(encryptionFile);
            }

            encryptionText = File.ReadAllText(encryptionFile).Trim();
        }

        return (new RsaSecurityKey(rsa) { KeyId = "govhall-signing" }, new SymmetricSecurityKey(Convert.FromBase64String(encryptionText)));
    }

    private static void Restrict(string path)
    {
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }
}
