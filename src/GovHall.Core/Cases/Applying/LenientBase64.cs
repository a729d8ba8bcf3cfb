using System.Buffers;
using System.Buffers.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace GovHall.Core.Cases;

// Reads a base64 JSON string into bytes, or null when it is not base64 (the caller refuses
// that with a message instead of a serializer exception). A large file's string arrives in
// several buffers of the request body; it is decoded buffer by buffer into an array of the
// exact size, instead of being copied whole first (Utf8JsonReader.TryGetBytesFromBase64 on a
// multi-segment value copies it: 270 KB for a 200 KB file, on the large object heap).
// Anything unusual (escapes, whitespace, a length that is not a multiple of 4) takes the
// serializer's own path, so what is accepted does not change.
public sealed class LenientBase64 : JsonConverter<byte[]?>
{
    public override byte[]? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            return null;
        }

        if (reader.HasValueSequence && !reader.ValueIsEscaped && Decode(reader.ValueSequence) is { } decoded)
        {
            return decoded;
        }

        return reader.TryGetBytesFromBase64(out var bytes) ? bytes : null;
    }

    public override void Write(Utf8JsonWriter writer, byte[]? value, JsonSerializerOptions options)
    {
        if (value is null)
        {
            writer.WriteNullValue();
        }
        else
        {
            writer.WriteBase64StringValue(value);
        }
    }

    // Null when the text is not plain padded base64 in whole quads; the caller then falls back.
    internal static byte[]? Decode(ReadOnlySequence<byte> text)
    {
        if (text.Length < 4 || text.Length % 4 != 0 || text.Length > int.MaxValue)
        {
            return null;
        }

        Span<byte> last = stackalloc byte[4];
        text.Slice(text.Length - 4).CopyTo(last);
        var padding = last[3] == '=' ? (last[2] == '=' ? 2 : 1) : 0;
        var result = new byte[(int)(text.Length / 4 * 3) - padding];
        var written = 0;

        // Every quad but the last is decoded as it comes; a quad split across buffers is
        // completed in a small carry.
        Span<byte> carry = stackalloc byte[4];
        var carried = 0;
        foreach (var segment in text.Slice(0, text.Length - 4))
        {
            var span = segment.Span;
            if (carried > 0)
            {
                var take = Math.Min(4 - carried, span.Length);
                span[..take].CopyTo(carry[carried..]);
                carried += take;
                span = span[take..];
                if (carried < 4)
                {
                    continue;
                }

                if (!Step(carry, result, ref written, final: false))
                {
                    return null;
                }

                carried = 0;
            }

            var whole = span.Length - (span.Length % 4);
            if (!Step(span[..whole], result, ref written, final: false))
            {
                return null;
            }

            span[whole..].CopyTo(carry);
            carried = span.Length - whole;
        }

        return carried == 0 && Step(last, result, ref written, final: true) && written == result.Length ? result : null;
    }

    private static bool Step(ReadOnlySpan<byte> quads, byte[] result, ref int written, bool final)
    {
        if (quads.IsEmpty)
        {
            return true;
        }

        var status = Base64.DecodeFromUtf8(quads, result.AsSpan(written), out var consumed, out var count, isFinalBlock: final);
        written += count;
        return status == OperationStatus.Done && consumed == quads.Length;
    }
}
