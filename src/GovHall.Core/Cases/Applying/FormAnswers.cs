using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using GovHall.Core.Catalog;
using GovHall.Core.Codes;

namespace GovHall.Core.Cases;

// Answers to an item's form: a JSON object whose members are the field keys. A scalar answer
// is a string (numbers and dates in invariant form); a Rows answer is an array of objects of
// strings. The same shape comes from the pages, the partner API and the draft table.
public static partial class FormAnswers
{
    public const string InvalidCode = "form.invalid";

    public static JsonObject Parse(string? json) =>
        string.IsNullOrEmpty(json) ? [] : JsonNode.Parse(json) as JsonObject ?? [];

    public static string Text(JsonObject answers, string key) =>
        answers[key] is JsonValue value && value.TryGetValue<string>(out var text) ? text : "";

    // An answer as a screen shows it: ID numbers, phones and addresses partly hidden (the form
    // itself shows them whole to the person who types them).
    public static string Masked(FormField field, string text) => text.Length == 0 ? text : field.Kind switch
    {
        FieldKind.IdNumber => IdNumber.Mask(text),
        FieldKind.Phone => MobilePhone.Mask(text),
        FieldKind.Address => PostalAddress.Mask(text),
        _ => text,
    };

    // Does this field belong to the form for this situation and these answers?
    public static bool Applies(FormField field, string situation, JsonObject answers) =>
        (field.Situations.Count == 0 || field.Situations.Contains(situation))
        && (field.ShowWhen is not { } when || when.Values.Contains(Text(answers, when.Field)));

    public static IEnumerable<FormField> Applicable(ApplicationForm form, string situation, JsonObject answers) =>
        form.Fields.Where(f => Applies(f, situation, answers));

    // Checks the answers and returns them normalised, keeping only fields that apply. With
    // complete = false (saving a draft page) a missing answer is not an error; a wrong one is.
    public static FormCheck Check(ApplicationForm form, string situation, JsonObject answers, DateOnly today, bool complete)
    {
        var errors = new ErrorList();
        var known = form.Fields.Select(f => f.Key).ToHashSet(StringComparer.Ordinal);
        foreach (var (key, _) in answers)
        {
            if (!known.Contains(key))
            {
                errors.Add(new Error(InvalidCode, $"表单中没有“{key}”这一项。", key));
            }
        }

        var normalized = new JsonObject();
        foreach (var field in form.Fields)
        {
            // Conditions read the answers already normalised (they point at earlier fields), so
            // "是 " and "是" decide alike and a hidden field's answer never counts.
            if (!Applies(field, situation, normalized))
            {
                continue;
            }

            var node = answers[field.Key];
            if (field.Kind == FieldKind.Rows)
            {
                if (CheckRows(field, node, today, complete, errors) is { } rows)
                {
                    normalized[field.Key] = rows;
                }

                continue;
            }

            var value = CheckScalar(field, node, field.Key, today, complete, errors);
            if (value is not null)
            {
                normalized[field.Key] = value;
            }
        }

        return new FormCheck(normalized, errors);
    }

    private static JsonArray? CheckRows(FormField field, JsonNode? node, DateOnly today, bool complete, ErrorList errors)
    {
        if (node is null)
        {
            if (complete && (field.Required || field.MinRows > 0))
            {
                errors.Add(new Error(InvalidCode, $"请至少填写 {Math.Max(1, field.MinRows ?? 1)} 行“{field.Label}”。", field.Key));
            }

            return null;
        }

        if (node is not JsonArray array || array.Any(r => r is not JsonObject))
        {
            errors.Add(new Error(InvalidCode, $"“{field.Label}”应为多行记录。", field.Key));
            return null;
        }

        var rows = new JsonArray();
        for (var i = 0; i < array.Count; i++)
        {
            var row = (JsonObject)array[i]!;
            var columns = field.Columns.Select(c => c.Key).ToHashSet(StringComparer.Ordinal);
            foreach (var (key, _) in row)
            {
                if (!columns.Contains(key))
                {
                    errors.Add(new Error(InvalidCode, $"“{field.Label}”中没有“{key}”这一列。", $"{field.Key}[{i}].{key}"));
                }
            }

            // A row left entirely empty on a page is not a row.
            if (field.Columns.All(c => string.IsNullOrWhiteSpace(AsText(row[c.Key]))))
            {
                continue;
            }

            // A cell's problem says which row it is in: "请填写“截止年月”" alone does not.
            var clean = new JsonObject();
            var cellErrors = new ErrorList();
            foreach (var column in field.Columns)
            {
                if (CheckScalar(column, row[column.Key], $"{field.Key}[{i}].{column.Key}", today, complete, cellErrors) is { } value)
                {
                    clean[column.Key] = value;
                }
            }

            errors.AddRange(cellErrors.Select(e => e with { Message = $"“{field.Label}”第 {i + 1} 行：{e.Message}" }));

            rows.Add(clean);
        }

        var min = field.MinRows ?? (field.Required ? 1 : 0);
        if (complete && rows.Count < min)
        {
            errors.Add(new Error(InvalidCode, $"请至少填写 {min} 行“{field.Label}”。", field.Key));
        }

        if (field.MaxRows is { } max && rows.Count > max)
        {
            errors.Add(new Error(InvalidCode, $"“{field.Label}”最多 {max} 行。", field.Key));
        }

        return rows.Count > 0 ? rows : null;
    }

    private static string? CheckScalar(FormField field, JsonNode? node, string path, DateOnly today, bool complete, ErrorList errors)
    {
        void Fail(string message) => errors.Add(new Error(InvalidCode, message, path));
        string? text;
        if (node is null)
        {
            text = null;
        }
        else if (node is JsonValue value && value.GetValueKind() is JsonValueKind.String or JsonValueKind.Number)
        {
            text = AsText(value);
        }
        else
        {
            Fail($"“{field.Label}”应为文字或数字。");
            return null;
        }

        text = text?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            if (complete && field.Required)
            {
                Fail(field.Kind == FieldKind.Choice ? $"请选择“{field.Label}”。" : $"请填写“{field.Label}”。");
            }

            return null;
        }

        switch (field.Kind)
        {
            case FieldKind.Text or FieldKind.LongText or FieldKind.Address:
                var max = field.MaxLength ?? FieldKinds.DefaultMaxLength(field.Kind);
                if (text.Length > max)
                {
                    Fail($"“{field.Label}”不能超过 {max} 个字。");
                }
                else if (field.MinLength is { } min && text.Length < min)
                {
                    Fail($"“{field.Label}”至少 {min} 个字。");
                }
                else if (field.Pattern is { } pattern && !Matches(pattern, text))
                {
                    Fail(field.PatternMessage ?? $"“{field.Label}”的格式不正确。");
                }

                return text;
            case FieldKind.Number:
                if (!FormDefinitionRules.TryNumber(text, out var number))
                {
                    Fail($"“{field.Label}”应为数字，例如 12 或 3.5。");
                    return text;
                }

                if (field.Min is { } low && FormDefinitionRules.TryNumber(low, out var lowest) && number < lowest)
                {
                    Fail($"“{field.Label}”不能小于 {low}。");
                }
                else if (field.Max is { } high && FormDefinitionRules.TryNumber(high, out var highest) && number > highest)
                {
                    Fail($"“{field.Label}”不能大于 {high}。");
                }

                return number.ToString(CultureInfo.InvariantCulture);
            case FieldKind.Date:
                if (!FormDefinitionRules.TryDate(text, out var date))
                {
                    Fail($"“{field.Label}”应为日期，格式如 2026-09-01。");
                    return text;
                }

                if (FormDefinitionRules.DateBound(field.Min, today) is { } earliest && date < earliest)
                {
                    Fail($"“{field.Label}”不能早于 {earliest:yyyy-MM-dd}。");
                }
                else if (FormDefinitionRules.DateBound(field.Max, today) is { } latest && date > latest)
                {
                    Fail($"“{field.Label}”不能晚于 {latest:yyyy-MM-dd}。");
                }

                return text;
            case FieldKind.Choice:
                if (!field.Options.Contains(text))
                {
                    Fail($"“{field.Label}”请从给出的选项中选择。");
                }

                return text;
            case FieldKind.IdNumber:
                var id = IdNumber.Normalize(text);
                if (IdNumber.Problem(id) is { } problem)
                {
                    Fail($"“{field.Label}”：{problem}");
                }

                return id;
            case FieldKind.Phone:
                var digits = MobilePhone.Normalize(text);
                if (!MobilePhone.IsValid(digits) && !LandLine().IsMatch(text))
                {
                    Fail($"“{field.Label}”应为 11 位手机号码，或带区号的固定电话（如 021-64123456）。");
                }

                return MobilePhone.IsValid(digits) ? digits : text;
            default:
                Fail($"“{field.Label}”的类型不正确。");
                return null;
        }
    }

    private static string? AsText(JsonNode? node) => node switch
    {
        null => null,
        JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>(),
        JsonValue value when value.GetValueKind() == JsonValueKind.Number => value.ToJsonString(),
        _ => null,
    };

    private static bool Matches(string pattern, string text)
    {
        try
        {
            return Regex.IsMatch(text, pattern, RegexOptions.None, FormDefinitionRules.PatternTimeout);
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
    }

    [GeneratedRegex(@"^0\d{2,3}-?\d{7,8}$")]
    private static partial Regex LandLine();
}

public sealed record FormCheck(JsonObject Answers, IReadOnlyList<Error> Errors);
