using System.Security.Cryptography;

namespace GovHall.Core.Certificates;

public sealed class CertificateSettings
{
    // Where the signing keys live: one PKCS#8 PEM file per key ({anything}.pem, the private
    // key) or, for a retired key, only its public half ({anything}.pub.pem). Every node of a
    // cluster must read the same folder. Default: {DataDirectory}/keys/certificates.
    public string? KeysDirectory { get; set; }

    // The key id that signs new certificates; default: the newest private key file.
    public string? ActiveKeyId { get; set; }

    // The name printed on certificates and notices as the issuer.
    public string Issuer { get; set; } = "上海市闵行区教育局";
}

public sealed record PublishedKey(string KeyId, string PublicKeyPem, bool Active, string X, string Y);

// The bureau's certificate keys (ECDSA P-256, SHA-256). A key's id is the first 16 hex digits
// of the SHA-256 of its public key (SubjectPublicKeyInfo, DER), so anyone can recompute it.
// Keys rotate by adding a file: the newest private key signs, and every key stays published so
// older certificates still verify. Signatures are DER (RFC 3279), the form `openssl dgst
// -verify` reads.
public sealed class CertificateKeys
{
    private readonly Dictionary<string, ECDsa> keys = new(StringComparer.Ordinal);
    private readonly string activeKeyId;

    public CertificateKeys(CertificateSettings settings, string dataDirectory, TimeProvider clock)
    {
        var folder = settings.KeysDirectory is { Length: > 0 } configured ? configured : Path.Combine(dataDirectory, "keys", "certificates");
        Directory.CreateDirectory(folder);
        var privateFiles = Directory.GetFiles(folder, "*.pem").Where(f => !f.EndsWith(".pub.pem", StringComparison.Ordinal)).ToList();
        if (privateFiles.Count == 0)
        {
            using var fresh = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var path = Path.Combine(folder, $"{clock.GetUtcNow():yyyyMMdd}-{KeyIdOf(fresh)}.pem");
            File.WriteAllText(path, fresh.ExportPkcs8PrivateKeyPem());
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }

            privateFiles.Add(path);
        }

        string? newest = null;
        foreach (var file in Directory.GetFiles(folder, "*.pem").Order(StringComparer.Ordinal))
        {
            var key = ECDsa.Create();
            try
            {
                key.ImportFromPem(File.ReadAllText(file));
            }
            catch (Exception exception) when (exception is ArgumentException or CryptographicException)
            {
                throw new InvalidOperationException($"GovHall:Certificates:KeysDirectory: {Path.GetFileName(file)} is not an EC key in PEM form.", exception);
            }

            if (key.KeySize != 256)
            {
                throw new InvalidOperationException($"GovHall:Certificates:KeysDirectory: {Path.GetFileName(file)} is not a P-256 key.");
            }

            var id = KeyIdOf(key);
            keys[id] = key;
            if (!file.EndsWith(".pub.pem", StringComparison.Ordinal))
            {
                newest = id;
            }
        }

        activeKeyId = settings.ActiveKeyId is { Length: > 0 } chosen ? chosen : newest!;
        if (!keys.TryGetValue(activeKeyId, out var active) || !HasPrivateKey(active))
        {
            throw new InvalidOperationException($"GovHall:Certificates:ActiveKeyId: no private key with id {activeKeyId} in {folder}.");
        }
    }

    public string ActiveKeyId => activeKeyId;

    public static string KeyIdOf(ECDsa key) =>
        Convert.ToHexStringLower(SHA256.HashData(key.ExportSubjectPublicKeyInfo()))[..16];

    public (string KeyId, byte[] Signature) Sign(byte[] payload) =>
        (activeKeyId, keys[activeKeyId].SignData(payload, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence));

    // False for an unknown key, a malformed signature or one that does not match.
    public bool Verify(string keyId, byte[] payload, byte[] signature)
    {
        if (!keys.TryGetValue(keyId, out var key))
        {
            return false;
        }

        try
        {
            return key.VerifyData(payload, signature, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    public IReadOnlyList<PublishedKey> Published() => keys
        .OrderBy(k => k.Key, StringComparer.Ordinal)
        .Select(k =>
        {
            var point = k.Value.ExportParameters(false).Q;
            return new PublishedKey(k.Key, k.Value.ExportSubjectPublicKeyInfoPem(), k.Key == activeKeyId,
                Base64Url(point.X!), Base64Url(point.Y!));
        })
        .ToList();

    public static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static byte[]? FromBase64Url(string text)
    {
        if (text.Length == 0 || text.Length > 8000 || text.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_')))
        {
            return null;
        }

        var padded = text.Replace('-', '+').Replace('_', '/');
        padded += new string('=', (4 - (padded.Length % 4)) % 4);
        try
        {
            return Convert.FromBase64String(padded);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static bool HasPrivateKey(ECDsa key)
    {
        try
        {
            key.ExportParameters(true);
            return true;
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

}
