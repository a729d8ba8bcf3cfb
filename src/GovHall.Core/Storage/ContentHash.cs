using System.Security.Cryptography;

namespace GovHall.Core.Storage;

public static class ContentHash
{
    public static bool IsSha256Hex(string? value) =>
        value is { Length: 64 } && value.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f');

    public static string Of(ReadOnlySpan<byte> content) => Convert.ToHexStringLower(SHA256.HashData(content));
}
