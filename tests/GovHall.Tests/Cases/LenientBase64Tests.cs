using System.Buffers;
using System.Text;
using System.Text.Json;
using GovHall.Core.Cases;

namespace GovHall.Tests.Cases;

// A partner's file arrives as a base64 JSON string spread over several buffers of the request
// body. However it is split, it must decode to the same bytes as the whole string would, and
// anything that is not base64 must read as null (refused with a message), as before.
public sealed class LenientBase64Tests
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(200_000)]
    [InlineData(200_001)]
    [InlineData(200_002)]
    public void AFileSplitAcrossBuffers_DecodesToTheSameBytes(int length)
    {
        var random = new Random(length);
        var bytes = new byte[length];
        random.NextBytes(bytes);
        var json = $$"""{"material":"申请书","contentBase64":"{{Convert.ToBase64String(bytes)}}"}""";
        foreach (var size in new[] { 1, 3, 5, 4096, 65536 })
        {
            Assert.Equal(bytes, Read(json, size)!.ContentBase64);

            // And the buffer-by-buffer path itself gives them, not the serializer's fallback.
            if (length > 0)
            {
                Assert.Equal(bytes, LenientBase64.Decode(Split(Encoding.ASCII.GetBytes(Convert.ToBase64String(bytes)), size)));
            }
        }
    }

    [Theory]
    [InlineData("not base64!")]
    [InlineData("QUJD=EFH")]
    [InlineData("QUJDRA")]
    [InlineData("QUJDRA===")]
    [InlineData("QUJD\\u0052")]
    public void TextThatIsNotBase64_ReadsAsNull_HoweverItIsSplit(string text)
    {
        var json = $$"""{"contentBase64":"{{text}}"}""";
        foreach (var size in new[] { 1, 2, 3, 7, 4096 })
        {
            Assert.Null(Read(json, size)!.ContentBase64);
        }
    }

    [Fact]
    public void AnEscapedSlash_IsStillBase64()
    {
        var bytes = new byte[] { 0xFB, 0xFF, 0xBF, 0x01 };
        var json = $$"""{"contentBase64":"{{Convert.ToBase64String(bytes).Replace("/", "\\/", StringComparison.Ordinal)}}"}""";
        Assert.Equal(bytes, Read(json, 3)!.ContentBase64);
    }

    private static PartnerFile? Read(string json, int bufferSize)
    {
        var reader = new Utf8JsonReader(Split(Encoding.UTF8.GetBytes(json), bufferSize));
        return JsonSerializer.Deserialize<PartnerFile>(ref reader, Web);
    }

    private static ReadOnlySequence<byte> Split(byte[] data, int size)
    {
        Segment? first = null, last = null;
        for (var offset = 0; offset < data.Length; offset += size)
        {
            var next = new Segment(data.AsMemory(offset, Math.Min(size, data.Length - offset)), last);
            first ??= next;
            last = next;
        }

        return first is null ? ReadOnlySequence<byte>.Empty : new ReadOnlySequence<byte>(first, 0, last!, last!.Memory.Length);
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory, Segment? previous)
        {
            Memory = memory;
            if (previous is not null)
            {
                RunningIndex = previous.RunningIndex + previous.Memory.Length;
                previous.Next = this;
            }
        }
    }
}
