using System.Text.Json.Nodes;
using GovHall.Core.Cases;
using GovHall.Core.Catalog;

namespace GovHall.Tests.Cases;

// Forms as data: the rules for a definition, and answers checked against one.
public sealed class FormTests
{
    private static readonly DateOnly Today = new(2026, 11, 28);

    private static ApplicationForm Sample() => new()
    {
        Fields =
        [
            new FormField { Key = "name", Label = "姓名", Required = true, MaxLength = 10 },
            new FormField { Key = "employed", Label = "是否在职", Kind = FieldKind.Choice, Required = true, Options = ["是", "否"] },
            new FormField { Key = "employer", Label = "工作单位", Required = true, ShowWhen = new FieldCondition { Field = "employed", Values = ["是"] } },
            new FormField { Key = "funds", Label = "开办资金", Kind = FieldKind.Number, Min = "0", Max = "1000" },
            new FormField { Key = "start", Label = "开始日期", Kind = FieldKind.Date, Min = "today" },
            new FormField { Key = "child", Label = "儿童身份证", Kind = FieldKind.IdNumber, Situations = ["延缓入学"] },
            new FormField { Key = "phone", Label = "电话", Kind = FieldKind.Phone },
            new FormField { Key = "licence", Label = "许可证号", MinLength = 6, Pattern = "^[A-Z0-9]+$", PatternMessage = "许可证号只能是大写字母和数字。" },
            new FormField { Key = "address", Label = "通讯地址", Kind = FieldKind.Address },
            new FormField { Key = "agentId", Label = "代理人身份证", Kind = FieldKind.IdNumber },
            new FormField
            {
                Key = "history", Label = "经历", Kind = FieldKind.Rows, MinRows = 1, MaxRows = 2,
                Columns = [new FormField { Key = "place", Label = "单位", Required = true }, new FormField { Key = "year", Label = "年份", Kind = FieldKind.Number }],
            },
        ],
    };

    private static FormCheck Check(JsonObject answers, string situation = "休学", bool complete = true) =>
        FormAnswers.Check(Sample(), situation, answers, Today, complete);

    [Fact]
    public void CompleteAnswers_PassAndAreNormalised()
    {
        var check = Check(new JsonObject
        {
            ["name"] = " 张三 ", ["employed"] = "否", ["funds"] = 12.50, ["start"] = "2026-11-28", ["phone"] = "138 0000 0001",
            ["history"] = new JsonArray(new JsonObject { ["place"] = "示例小学", ["year"] = "2020" }, new JsonObject { ["place"] = "", ["year"] = "" }),
        });
        Assert.Empty(check.Errors);
        Assert.Equal("张三", check.Answers["name"]!.GetValue<string>());
        Assert.Equal("12.5", check.Answers["funds"]!.GetValue<string>());
        Assert.Equal("13800000001", check.Answers["phone"]!.GetValue<string>());
        Assert.Single(check.Answers["history"]!.AsArray());
    }

    [Fact]
    public void ConditionalField_IsRequiredOnlyWhenShown_AndDroppedWhenHidden()
    {
        var shown = Check(new JsonObject { ["name"] = "张三", ["employed"] = "是", ["history"] = Rows() });
        Assert.Contains(shown.Errors, e => e.Field == "employer" && e.Message.Contains("请填写", StringComparison.Ordinal));

        var hidden = Check(new JsonObject { ["name"] = "张三", ["employed"] = "否", ["employer"] = "某单位", ["history"] = Rows() });
        Assert.Empty(hidden.Errors);
        Assert.False(hidden.Answers.ContainsKey("employer"));
    }

    [Fact]
    public void FieldForAnotherSituation_DoesNotApply()
    {
        var other = Check(new JsonObject { ["name"] = "张三", ["employed"] = "否", ["child"] = "not-an-id", ["history"] = Rows() });
        Assert.Empty(other.Errors);
        var own = Check(new JsonObject { ["name"] = "张三", ["employed"] = "否", ["child"] = "310112199001011234", ["history"] = Rows() }, "延缓入学");
        Assert.Contains(own.Errors, e => e.Field == "child" && e.Message.Contains("校验", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("funds", "abc", "应为数字")]
    [InlineData("funds", "1000.01", "不能大于 1000")]
    [InlineData("start", "2026-11-27", "不能早于 2026-11-28")]
    [InlineData("start", "28/11/2026", "应为日期")]
    [InlineData("employed", "也许", "请从给出的选项中选择")]
    [InlineData("phone", "12345", "11 位手机号码")]
    [InlineData("name", "一二三四五六七八九十一", "不能超过 10 个字")]
    [InlineData("licence", "AB12", "“许可证号”至少 6 个字")]
    [InlineData("licence", "ab-1234", "许可证号只能是大写字母和数字。")]
    [InlineData("address", "上海市闵行区示例路一号一号一号一号一号一号一号一号一号一号一号一号一号一号一号一号一号一号一号一号一号一号一号一号一号一号一号一号一号一号一号一号一号一号一号一号一号一号一号一号一号一号一号一号一号一号一号一号一号一号一号一号一号一号一号一号一号一号一号一号一号一号一号一号一号一号一号一号一号一号一号一号一号一号一号一号一号一号一号一号一号一号一号一号一号一号一号一号一号一号一号一号一号一号一号一号一号", "“通讯地址”不能超过 200 个字")]
    [InlineData("agentId", "110105194912310021", "最后一位校验码不正确")]
    [InlineData("agentId", "11010519491231", "应为 18 位")]
    public void WrongValue_IsNamedWithAClearMessage(string key, string value, string message)
    {
        var answers = new JsonObject { ["name"] = "张三", ["employed"] = "否", ["history"] = Rows() };
        answers[key] = value;
        var error = Assert.Single(Check(answers).Errors);
        Assert.Equal(key, error.Field);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RowsAndTypes_AreChecked_AndUnknownKeysRefused()
    {
        var check = Check(new JsonObject
        {
            ["name"] = new JsonObject { ["first"] = "张" },
            ["employed"] = "否",
            ["history"] = new JsonArray(new JsonObject { ["year"] = "2020" }, new JsonObject { ["place"] = "b" }, new JsonObject { ["place"] = "c" }),
            ["colour"] = "蓝",
        });
        Assert.Contains(check.Errors, e => e.Field == "name" && e.Message.Contains("应为文字或数字", StringComparison.Ordinal));
        Assert.Equal("“经历”第 1 行：请填写“单位”。", Assert.Single(check.Errors, e => e.Field == "history[0].place").Message);
        Assert.Contains(check.Errors, e => e.Field == "history" && e.Message.Contains("最多 2 行", StringComparison.Ordinal));
        Assert.Contains(check.Errors, e => e.Field == "colour");
    }

    [Fact]
    public void DraftSave_DoesNotRequireWhatIsMissing_ButRefusesWhatIsWrong()
    {
        var check = Check(new JsonObject { ["funds"] = "x" }, complete: false);
        Assert.Equal("funds", Assert.Single(check.Errors).Field);
    }

    [Fact]
    public void Definition_WithMistakes_IsRefusedWithPaths()
    {
        var form = new ApplicationForm
        {
            Fields =
            [
                new FormField { Key = "Name", Label = "姓名" },
                new FormField { Key = "kind", Label = "类别", Kind = FieldKind.Choice, Options = ["甲"] },
                new FormField { Key = "kind", Label = "重复" },
                new FormField { Key = "later", Label = "条件", ShowWhen = new FieldCondition { Field = "after", Values = ["是"] } },
                new FormField { Key = "after", Label = "之后", Kind = FieldKind.Choice, Options = ["是", "否"] },
                new FormField { Key = "code", Label = "代码", Pattern = "([a-z" },
                new FormField { Key = "when", Label = "日期", Kind = FieldKind.Date, Min = "yesterday" },
                new FormField { Key = "only", Label = "情形", Situations = ["不存在的情形"] },
                new FormField { Key = "count", Label = "人数", Kind = FieldKind.Number, Min = "10", Max = "1" },
            ],
        };
        var errors = FormDefinitionRules.Validate(form, new HashSet<string> { "休学" });
        Assert.Contains(errors, e => e.Field == "Form.Fields[0].Key");
        Assert.Contains(errors, e => e.Field == "Form.Fields[1].Options");
        Assert.Contains(errors, e => e.Field == "Form.Fields[2].Key" && e.Message.Contains("重复", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Field == "Form.Fields[3].ShowWhen");
        Assert.Contains(errors, e => e.Field == "Form.Fields[5].Pattern");
        Assert.Contains(errors, e => e.Field == "Form.Fields[6].Min");
        Assert.Contains(errors, e => e.Field == "Form.Fields[7].Situations");
        Assert.Contains(errors, e => e.Field == "Form.Fields[8].Min" && e.Message.Contains("不能大于", StringComparison.Ordinal));
        Assert.Empty(FormDefinitionRules.Validate(Sample(), new HashSet<string> { "休学", "延缓入学" }));
    }

    private static JsonArray Rows() => new(new JsonObject { ["place"] = "示例小学" });
}
