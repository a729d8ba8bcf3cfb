using System.Security.Cryptography;
using System.Text;

namespace GovHall.Core.Accounts;

// Encrypts personal data (ID numbers, phone numbers) at rest with AES-256-GCM, and computes a
// blind index (HMAC-SHA256 under a separate key) so an exact value can still be found without
// decrypting every row. The key never lives in the database. See docs/adr/0007-personal-data-encryption.md.
public sealed class PersonalData
{
    private const string Version = "v1";
    private readonly byte[] encryptionKey;
    private readonly byte[] indexKey;
    private string? decoy;

    public PersonalData(byte[] masterKey)
    {
        if (masterKey.Length != 32)
        {
            throw new ArgumentException("The personal-data key must be 32 bytes.", nameof(masterKey));
        }

        encryptionKey = HKDF.DeriveKey(HashAlgorithmName.SHA256, masterKey, 32, info: "govhall/personal-data/encryption"u8.ToArray());
        indexKey = HKDF.DeriveKey(HashAlgorithmName.SHA256, masterKey, 32, info: "govhall/personal-data/blind-index"u8.ToArray());
    }

    public string Protect(string plaintext)
    {
        var nonce = RandomNumberGenerator.GetBytes(12);
        var data = Encoding.UTF8.GetBytes(plaintext);
        var cipher = new byte[data.Length];
        var tag = new byte[16];
        using var aes = new AesGcm(encryptionKey, 16);
        aes.Encrypt(nonce, data, cipher, tag, Encoding.ASCII.GetBytes(Version));
        return $"{Version}:{Convert.ToBase64String(nonce)}:{Convert.ToBase64String(cipher)}:{Convert.ToBase64String(tag)}";
    }

    public string Unprotect(string protectedValue)
    {
        var parts = protectedValue.Split(':');
        if (parts.Length != 4 || parts[0] != Version)
        {
            throw new CryptographicException("Unknown personal-data format.");
        }

        var nonce = Convert.FromBase64String(parts[1]);
        var cipher = Convert.FromBase64String(parts[2]);
        var tag = Convert.FromBase64String(parts[3]);
        var data = new byte[cipher.Length];
        using var aes = new AesGcm(encryptionKey, 16);
        aes.Decrypt(nonce, cipher, tag, data, Encoding.ASCII.GetBytes(Version));
        return Encoding.UTF8.GetString(data);
    }

    // A ciphertext of nothing in particular, to decrypt when there is no real one, so that a
    // lookup that finds nothing costs what one that finds something does.
    public string Decoy => decoy ??= Protect("00000000000");

    // The same value always gives the same index; the index alone reveals nothing.
    public string Index(string kind, string normalizedValue) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(indexKey, Encoding.UTF8.GetBytes($"{kind}:{normalizedValue}")));
}
