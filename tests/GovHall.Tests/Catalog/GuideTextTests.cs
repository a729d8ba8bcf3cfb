using GovHall.Core.Catalog;

namespace GovHall.Tests.Catalog;

public sealed class GuideTextTests
{
    [Theory]
    [InlineData(1, 2, "原件 1 份，复印件 2 份")]
    [InlineData(1, 0, "原件 1 份")]
    [InlineData(0, 3, "复印件 3 份")]
    [InlineData(0, 0, null)]
    public void Copies_NamesOnlyThePaperThatIsAskedFor(int originals, int copies, string? expected)
    {
        Assert.Equal(expected, GuideText.Copies(new RequiredMaterial { Name = "身份证", Originals = originals, Copies = copies }));
    }

    [Fact]
    public void Requirements_LeaveOutTheCountsOfAnElectronicMaterial()
    {
        var text = GuideText.Requirements(new RequiredMaterial { Name = "照片", Originals = 0, Copies = 0 }, "；");
        Assert.DoesNotContain("份", text, StringComparison.Ordinal);
        Assert.DoesNotContain("；；", text, StringComparison.Ordinal);
        Assert.False(text.EndsWith('；'));
    }
}
