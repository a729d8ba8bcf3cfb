using GovHall.Core.Cases;

namespace GovHall.Tests.Cases;

public sealed class TrackingCodeTests
{
    [Fact]
    public void New_IsTwelveSymbolsGroupedForReadingAloud_AndParsesBack()
    {
        var code = TrackingCode.New();
        Assert.Matches("^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$", code.ToString());
        Assert.True(TrackingCode.TryParse(code.ToString(), out var parsed));
        Assert.Equal(code, parsed);
    }

    [Fact]
    public void TryParse_TheDocumentedExample_IsValid() => Assert.True(TrackingCode.TryParse("7K3M-9QXD-2HB9", out _));

    [Fact]
    public void New_TenThousandCodes_AreAllDifferent()
    {
        var codes = Enumerable.Range(0, 10_000).Select(_ => TrackingCode.New().Value).ToHashSet();
        Assert.Equal(10_000, codes.Count);
    }

    [Fact]
    public void TryParse_AcceptsWhatPeopleType()
    {
        var code = TrackingCode.New();
        var typed = code.Value.ToLowerInvariant().Replace('0', 'o').Replace('1', 'l');
        Assert.True(TrackingCode.TryParse($" {typed[..6]} {typed[6..]} ", out var parsed));
        Assert.Equal(code, parsed);
    }

    // What a Chinese input method types: full-width letters and digits, the ideographic space,
    // full-width hyphens and other dashes, a non-breaking space, a tab or a line end.
    [Theory]
    [InlineData("{0}\u3000{1}\u3000{2}")]
    [InlineData("{0}\uFF0D{1}\uFF0D{2}")]
    [InlineData("{0}\u2013{1}\u2014{2}")]
    [InlineData("{0}\u00A0{1}\t{2}\n")]
    [InlineData("FULLWIDTH")]
    public void TryParse_AcceptsWhatAChineseInputMethodTypes(string pattern)
    {
        var code = TrackingCode.New();
        var typed = pattern == "FULLWIDTH"
            ? new string(code.Value.Select(c => (char)(c + 0xFEE0)).ToArray())
            : string.Format(System.Globalization.CultureInfo.InvariantCulture, pattern, code.Value[..4], code.Value[4..8], code.Value[8..]);
        Assert.True(TrackingCode.TryParse(typed, out var parsed), typed);
        Assert.Equal(code, parsed);
    }

    [Fact]
    public void TryParse_AnySingleWrongSymbol_IsRejectedByTheCheckSymbol()
    {
        var code = TrackingCode.New().Value;
        for (var position = 0; position < TrackingCode.Length; position++)
        {
            foreach (var symbol in TrackingCode.Alphabet.Where(s => s != code[position]))
            {
                var wrong = code[..position] + symbol + code[(position + 1)..];
                Assert.False(TrackingCode.TryParse(wrong, out _), wrong);
            }
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("ABCD-EFGH-JK")]
    [InlineData("ABCD-EFGH-JKMNP")]
    [InlineData("ABCD-EFGH-JKU!")]
    [InlineData("<script>alert(1)</script>")]
    public void TryParse_Malformed_IsRejected(string text) => Assert.False(TrackingCode.TryParse(text, out _));
}
