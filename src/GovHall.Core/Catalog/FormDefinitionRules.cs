using System.Globalization;
using System.Text.RegularExpressions;

namespace GovHall.Core.Catalog;

// The rules a form definition must satisfy before the item can be saved as valid, published
// or imported: unique keys, choices with options, patterns that compile, conditions that point
// at an earlier field, limits that make sense. Paths are like ItemValidator's ("Form.Fields[2].Key").
public static partial class FormDefinitionRules
{
    public const int MaxFields = 100;
    public static readonly TimeSpan PatternTimeout = TimeSpan.FromMilliseconds(100);

    [GeneratedRegex("^[a-z][a-zA-Z0-9]{0,39}$")]
    private static partial Regex KeyShape();

    public static IReadOnlyList<Error> Validate(ApplicationForm form, IReadOnlySet<string> situations)
    {
        var errors = new List<Error>();
        void Add(string field, string message) => errors.Add(new Error("item.invalid", message, field));
        if (form.Fields.Count > MaxFields)
        {
            Add("Form.Fields", $"申请表单最多 {MaxFields} 个字段。");
        }

        var seen = new Dictionary<string, FormField>(StringComparer.Ordinal);
        for (var i = 0; i < form.Fields.Count; i++)
        {
            var field = form.Fields[i];
            var at = $"Form.Fields[{i}]";
            ValidateField(field, at, Add, nested: false);
            if (field.Key.Length > 0 && !seen.TryAdd(field.Key, field))
            {
                Add($"{at}.Key", $"字段名“{field.Key}”重复。");
            }

            foreach (var situation in field.Situations.Where(s => !situations.Contains(s)))
            {
                Add($"{at}.Situations", $"情形“{situation}”不在本事项的情形中。");
            }

            if (field.ShowWhen is { } when)
            {
                // Only an earlier field may decide: the form is filled from top to bottom.
                if (!seen.TryGetValue(when.Field, out var decider) || ReferenceEquals(decider, field))
                {
                    Add($"{at}.ShowWhen", $"显示条件引用的字段“{when.Field}”必须是在它之前的字段。");
                }
                else if (decider.Kind != FieldKind.Choice)
                {
                    Add($"{at}.ShowWhen", "显示条件只能引用选项字段。");
                }
                else if (when.Values.Count == 0 || when.Values.Any(v => !decider.Options.Contains(v)))
                {
                    Add($"{at}.ShowWhen", $"显示条件的取值必须是字段“{decider.Label}”的选项之一。");
                }
            }
        }

        return errors;
    }

    private static void ValidateField(FormField field, string at, Action<string, string> add, bool nested)
    {
        if (!KeyShape().IsMatch(field.Key))
        {
            add($"{at}.Key", "字段名应以小写字母开头，只含字母和数字，不超过 40 个字符。");
        }

        if (string.IsNullOrWhiteSpace(field.Label) || field.Label.Length > 100)
        {
            add($"{at}.Label", "请填写字段标题（不超过 100 个字）。");
        }

        if (field.Hint is { Length: > 500 })
        {
            add($"{at}.Hint", "填写说明不能超过 500 个字。");
        }

        if (!Enum.IsDefined(field.Kind))
        {
            add($"{at}.Kind", "字段类型不正确。");
            return;
        }

        if (field.Kind == FieldKind.Choice)
        {
            if (field.Options.Count is < 2 or > 50 || field.Options.Any(o => string.IsNullOrWhiteSpace(o) || o.Length > 100)
                || field.Options.Distinct().Count() != field.Options.Count)
            {
                add($"{at}.Options", "选项字段需要 2 至 50 个不重复、不为空的选项。");
            }
        }
        else if (field.Options.Count > 0)
        {
            add($"{at}.Options", "只有选项字段可以设置选项。");
        }

        if (field.MinLength is < 0 || field.MaxLength is < 1 or > 4000 || field.MinLength > field.MaxLength)
        {
            add($"{at}.MaxLength", "长度限制应在 0 至 4000 之间，且最短不超过最长。");
        }

        if (field.Pattern is { } pattern)
        {
            if (field.Kind is not (FieldKind.Text or FieldKind.LongText))
            {
                add($"{at}.Pattern", "只有文字字段可以设置格式规则。");
            }
            else if (!Compiles(pattern))
            {
                add($"{at}.Pattern", "格式规则不是有效的正则表达式。");
            }
            else if (string.IsNullOrWhiteSpace(field.PatternMessage))
            {
                add($"{at}.PatternMessage", "设置了格式规则，请同时填写不符合时的提示。");
            }
        }

        ValidateBounds(field, at, add);
        if (field.Kind == FieldKind.Rows)
        {
            if (nested)
            {
                add($"{at}.Kind", "多行记录中不能再嵌套多行记录。");
            }
            else if (field.Columns.Count is < 1 or > 10)
            {
                add($"{at}.Columns", "多行记录需要 1 至 10 列。");
            }

            if (field.MinRows is < 0 || field.MaxRows is < 1 or > 50 || field.MinRows > field.MaxRows)
            {
                add($"{at}.MaxRows", "行数限制应在 0 至 50 之间，且最少不超过最多。");
            }

            var keys = new HashSet<string>(StringComparer.Ordinal);
            for (var c = 0; c < field.Columns.Count; c++)
            {
                var column = field.Columns[c];
                ValidateField(column, $"{at}.Columns[{c}]", add, nested: true);
                if (!keys.Add(column.Key))
                {
                    add($"{at}.Columns[{c}].Key", $"列名“{column.Key}”重复。");
                }

                if (column.ShowWhen is not null || column.Situations.Count > 0 || column.Prefill is not null)
                {
                    add($"{at}.Columns[{c}]", "多行记录的列不能设置显示条件、情形或预填。");
                }
            }
        }
        else if (field.Columns.Count > 0 || field.MinRows is not null || field.MaxRows is not null)
        {
            add($"{at}.Columns", "只有多行记录可以设置列和行数。");
        }

        if (field.Prefill is { } prefill && !Enum.IsDefined(prefill))
        {
            add($"{at}.Prefill", "预填来源不正确。");
        }
    }

    private static void ValidateBounds(FormField field, string at, Action<string, string> add)
    {
        if (field.Min is null && field.Max is null)
        {
            return;
        }

        switch (field.Kind)
        {
            case FieldKind.Number:
                if ((field.Min is not null && !TryNumber(field.Min, out _)) || (field.Max is not null && !TryNumber(field.Max, out _)))
                {
                    add($"{at}.Min", "数字字段的最小值、最大值应为数字。");
                }
                else if (field.Min is not null && field.Max is not null && TryNumber(field.Min, out var low) && TryNumber(field.Max, out var high) && low > high)
                {
                    add($"{at}.Min", "最小值不能大于最大值。");
                }

                break;
            case FieldKind.Date:
                if ((field.Min is not null && !IsDateBound(field.Min)) || (field.Max is not null && !IsDateBound(field.Max)))
                {
                    add($"{at}.Min", "日期字段的最早、最晚日期应为 yyyy-MM-dd 或 today。");
                }
                else if (field.Min is { } earliest && field.Max is { } latest && earliest != "today" && latest != "today"
                    && TryDate(earliest, out var first) && TryDate(latest, out var last) && first > last)
                {
                    add($"{at}.Min", "最早日期不能晚于最晚日期。");
                }

                break;
            default:
                add($"{at}.Min", "只有数字和日期字段可以设置最小值、最大值。");
                break;
        }
    }

    public static bool TryNumber(string text, out decimal value) =>
        decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value);

    public static bool TryDate(string text, out DateOnly date) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    // A date bound: a fixed date, or "today" (the day the answer is checked, China time).
    public static DateOnly? DateBound(string? text, DateOnly today) =>
        text is null ? null : text == "today" ? today : TryDate(text, out var date) ? date : null;

    private static bool IsDateBound(string text) => text == "today" || TryDate(text, out _);

    private static bool Compiles(string pattern)
    {
        try
        {
            _ = new Regex(pattern, RegexOptions.None, PatternTimeout);
            return pattern.Length <= 500;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
