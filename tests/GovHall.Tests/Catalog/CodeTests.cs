using GovHall.Core.Catalog;
using GovHall.Core.Codes;

namespace GovHall.Tests.Catalog;

public sealed class CodeTests
{
    [Theory]
    [InlineData("1131011200245871XF", CodeCheck.Valid)]
    [InlineData("91350100M000100Y43", CodeCheck.Valid)]
    [InlineData("1131011200245871XA", CodeCheck.WrongCheckCharacter)]
    [InlineData("1131011200245871X", CodeCheck.WrongLength)]
    [InlineData("1131011200245871IF", CodeCheck.BadCharacter)]
    [InlineData("", CodeCheck.WrongLength)]
    public void CreditCode_Check_FollowsGb32100(string code, CodeCheck expected) => Assert.Equal(expected, CreditCode.Check(code));

    [Fact]
    public void ItemCode_Check_AcceptsTheBureausCode()
    {
        Assert.Empty(ItemCode.Check("1131011200245871XF4000105110001", "000105110001", "1131011200245871XF", "Code"));
    }

    [Theory]
    [InlineData("1131011200245871XF4000105110001", "000105110002", "后 12 位应与基本编码一致")]
    [InlineData("1131011200245871XF9000105110001", "000105110001", "行使层级")]
    [InlineData("1131011200245871XA4000105110001", "000105110001", "校验位")]
    [InlineData("1131011200245871XF400010511000", "00010511000", "31 位")]
    public void ItemCode_Check_ExplainsWhatIsWrong(string code, string basic, string expected)
    {
        var errors = ItemCode.Check(code, basic, "1131011200245871XF", "Code").ToList();
        Assert.Contains(errors, e => e.Message.Contains(expected, StringComparison.Ordinal));
    }
}

public sealed class JsonLineMapTests
{
    [Fact]
    public void LineOf_FindsNestedValuesAndFallsBackToTheParent()
    {
        var json = "{\n  \"format\": \"x\",\n  \"items\": [\n    {\n      \"code\": \"a\",\n      \"materials\": [\n        { \"name\": \"m\" }\n      ]\n    }\n  ]\n}"u8;
        var map = JsonLineMap.Build(json);
        Assert.Equal(2, map.LineOf("format"));
        Assert.Equal(5, map.LineOf("items[0].code"));
        Assert.Equal(7, map.LineOf("items[0].materials[0].name"));
        Assert.Equal(7, map.LineOf("items[0].materials[0].copies"));
        Assert.Equal(4, map.LineOf("items[0].contacts.consultPhone"));
    }

    [Fact]
    public void ToJsonPath_CamelCasesEverySegment() =>
        Assert.Equal("situations[1].materials[0].blankForm.sha256", JsonLineMap.ToJsonPath("Situations[1].Materials[0].BlankForm.Sha256"));
}

public sealed class VersionDiffTests
{
    [Fact]
    public void Compare_ChangedLimit_ShowsOldAndNewLinesInPlainWords()
    {
        var older = new ItemContent { Name = "事项", PromisedLimit = new TimeLimit { Value = 20 } };
        var newer = new ItemContent { Name = "事项", PromisedLimit = new TimeLimit { Value = 15 } };
        var changes = VersionDiff.Compare(older, newer).Where(l => l.Kind != DiffLineKind.Unchanged).ToList();
        Assert.Equal(2, changes.Count);
        Assert.Contains(changes, l => l.Kind == DiffLineKind.Removed && l.Text == "承诺时限：20 个工作日");
        Assert.Contains(changes, l => l.Kind == DiffLineKind.Added && l.Text == "承诺时限：15 个工作日");
    }
}
