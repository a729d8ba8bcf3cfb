using System.Security.Cryptography;

namespace GovHall.Core.Storage;

public static class ContentHash
{
    public static bool IsSha256Hex(string? value) =>
        value is { Length: 64 } && value.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f');

    public static string Of(ReadOnlySpan<byte> content) => Convert.ToHexStringLower(SHA256.HashData(content));
}

// A file's bytes with their SHA-256, hashed once: the name the store files them under and the
// hash the case records are one value by construction, and a 200 KB upload is hashed once.
public sealed class HashedBytes
{
    private HashedBytes(byte[] bytes, string sha256)
    {
        Bytes = bytes;
        Sha256 = sha256;
    }

    public byte[] Bytes { get; }

    public string Sha256 { get; }

    public int Length => Bytes.Length;

    public static HashedBytes Of(byte[] bytes) => new(bytes, ContentHash.Of(bytes));
}
