using GovHall.Core.Documents;

namespace GovHall.Tests.Documents;

// Chinese line breaking in the hall's documents (issue 23): every character one unit wide, so
// the line width is a count of characters.
public sealed class LineBreaksTests
{
    private static List<string> Wrap(string text, int width) => LineBreaks.Wrap(text, width, s => s.Length);

    [Fact]
    public void AWord_IsNeverCutInTwo()
    {
        // Cut at 12 characters, the line would end in 照 and the next begin with 片.
        var lines = Wrap("请提交本人近期免冠证件照片一张。", 12);
        Assert.Equal("请提交本人近期免冠证件照片一张。", string.Concat(lines));
        Assert.DoesNotContain(lines, l => l.EndsWith('照'));
        Assert.All(lines, l => Assert.True(l.Length <= 12));
    }

    [Theory]
    [InlineData("经审查，你提交的申请材料齐全，符合法定形式，本机关决定予以受理。", 11)]
    [InlineData("依据《中华人民共和国教师法》第十三条（教师资格认定）的规定，准予认定。", 9)]
    [InlineData("材料：（一）身份证；（二）学历证书；（三）体格检查合格证明。", 7)]
    public void NoLine_StartsWithAClosingMark_OrEndsWithAnOpeningOne(string text, int width)
    {
        var lines = Wrap(text, width);
        Assert.Equal(text, string.Concat(lines));
        foreach (var line in lines.Skip(1))
        {
            Assert.DoesNotContain(line[0], "。，、；：？！）」』》”’");
        }

        Assert.All(lines, l => Assert.DoesNotContain(l[^1], "（「『《“‘"));
    }

    [Fact]
    public void ACodeOrANumber_StaysOnOneLine_UnlessItIsWiderThanTheLine()
    {
        var lines = Wrap("办件编号 GH2026120300042 已受理", 18);
        Assert.Contains(lines, l => l.Contains("GH2026120300042", StringComparison.Ordinal));
        var long31 = Wrap("实施编码1131011200245871XF4000105119010", 10);
        Assert.All(long31, l => Assert.True(l.Length <= 10));
        Assert.Equal("实施编码1131011200245871XF4000105119010", string.Concat(long31));
    }

    [Fact]
    public void Paragraphs_StayParagraphs()
    {
        Assert.Equal(["第一段。", "", "第二段。"], Wrap("第一段。\n\n第二段。", 20));
    }
}
