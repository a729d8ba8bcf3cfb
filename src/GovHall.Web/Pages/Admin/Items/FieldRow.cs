using System.Globalization;
using GovHall.Core.Catalog;

namespace GovHall.Web.Pages.Admin.Items;

// One field of the application form as the field-by-field editor posts it. Numbers and lists
// arrive as the text the administrator typed, so a wrong entry is named in Chinese beside its
// field instead of failing the whole binding. Settings that do not apply to the chosen kind
// (options of a text field, columns of a date) are dropped when the row becomes a FormField.
public sealed class FieldRow
{
    public string? Key { get; set; }
    public string? Label { get; set; }
    public FieldKind Kind { get; set; } = FieldKind.Text;
    public bool Required { get; set; }
    public string? Hint { get; set; }

    // Choice: one option per line.
    public string? OptionsText { get; set; }

    public string? MinLength { get; set; }
    public string? MaxLength { get; set; }
    public string? Pattern { get; set; }
    public string? PatternMessage { get; set; }
    public string? Min { get; set; }
    public string? Max { get; set; }

    public string? ShowWhenField { get; set; }
    public List<string> ShowWhenValues { get; set; } = [];
    public List<string> Situations { get; set; } = [];
    public PrefillSource? Prefill { get; set; }

    public string? MinRows { get; set; }
    public string? MaxRows { get; set; }
    public List<FieldRow> Columns { get; set; } = [];

    public IReadOnlyList<string> Options =>
        (OptionsText ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public static bool HasLength(FieldKind kind) => kind is FieldKind.Text or FieldKind.LongText or FieldKind.Address;

    public static bool HasPattern(FieldKind kind) => kind is FieldKind.Text or FieldKind.LongText;

    public static bool HasBounds(FieldKind kind) => kind is FieldKind.Number or FieldKind.Date;

    public static FieldRow From(FormField field) => new()
    {
        Key = field.Key,
        Label = field.Label,
        Kind = field.Kind,
        Required = field.Required,
        Hint = field.Hint,
        OptionsText = string.Join('\n', field.Options),
        MinLength = Text(field.MinLength),
        MaxLength = Text(field.MaxLength),
        Pattern = field.Pattern,
        PatternMessage = field.PatternMessage,
        Min = field.Min,
        Max = field.Max,
        ShowWhenField = field.ShowWhen?.Field,
        ShowWhenValues = field.ShowWhen?.Values.ToList() ?? [],
        Situations = field.Situations.ToList(),
        Prefill = field.Prefill,
        MinRows = Text(field.MinRows),
        MaxRows = Text(field.MaxRows),
        Columns = field.Columns.Select(From).ToList(),
    };

    // The field this row describes; a number that is not a whole number is reported at its
    // path ("Form.Fields[1].MaxLength") and the row yields no field.
    public FormField? ToField(string path, Action<string, string> fail, bool column = false)
    {
        var ok = true;
        int? Whole(string? text, string name, string what)
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                return null;
            }

            if (int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value <= 100_000)
            {
                return value;
            }

            fail($"{path}.{name}", $"{what}应为不大于 100000 的整数。");
            ok = false;
            return null;
        }

        var field = new FormField
        {
            Key = (Key ?? "").Trim(),
            Label = (Label ?? "").Trim(),
            Kind = Kind,
            Required = Required,
            Hint = Blank(Hint),
        };

        if (Kind == FieldKind.Choice)
        {
            field.Options = Options.ToList();
        }

        if (HasLength(Kind))
        {
            field.MinLength = Whole(MinLength, nameof(MinLength), "最少字数");
            field.MaxLength = Whole(MaxLength, nameof(MaxLength), "最多字数");
        }

        if (HasPattern(Kind) && Blank(Pattern) is { } pattern)
        {
            field.Pattern = pattern;
            field.PatternMessage = Blank(PatternMessage);
        }

        if (HasBounds(Kind))
        {
            field.Min = Blank(Min);
            field.Max = Blank(Max);
        }

        if (!column)
        {
            if (Blank(ShowWhenField) is { } decider)
            {
                field.ShowWhen = new FieldCondition { Field = decider, Values = ShowWhenValues.Where(v => !string.IsNullOrEmpty(v)).Distinct().ToList() };
            }

            field.Situations = Situations.Where(s => !string.IsNullOrEmpty(s)).Distinct().ToList();
            field.Prefill = Prefill;
        }

        if (Kind == FieldKind.Rows && !column)
        {
            field.MinRows = Whole(MinRows, nameof(MinRows), "最少行数");
            field.MaxRows = Whole(MaxRows, nameof(MaxRows), "最多行数");
            for (var c = 0; c < Columns.Count; c++)
            {
                if (Columns[c].ToField($"{path}.Columns[{c}]", fail, column: true) is { } cell)
                {
                    field.Columns.Add(cell);
                }
                else
                {
                    ok = false;
                }
            }
        }

        return ok ? field : null;
    }

    private static string? Text(int? value) => value?.ToString(CultureInfo.InvariantCulture);

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}

// What _FieldEditor.cshtml needs to draw one field (or one column of a rows field).
public sealed record FieldEditorView(FormEditModel Page, IReadOnlyList<FieldRow> Siblings, int Index, int Parent = -1)
{
    public FieldRow Row => Siblings[Index];
    public bool Column => Parent >= 0;
    public int Count => Siblings.Count;
    public string Name => Column ? $"Fields[{Parent}].Columns[{Index}]" : $"Fields[{Index}]";
    public string Path => "Form." + Name;
    public string Id => Column ? $"F{Parent}C{Index}" : $"F{Index}";
    public string Title => Column ? $"第 {Index + 1} 列" : $"字段 {Index + 1}";
    public IReadOnlyList<string> Situations => Page.SituationNames;

    // The earlier choice fields, which alone may decide whether this one is shown.
    public IEnumerable<FieldRow> Deciders => Siblings.Take(Index).Where(f => f.Kind == FieldKind.Choice && !string.IsNullOrWhiteSpace(f.Key));

    public FieldEditorView ColumnAt(int column) => new(Page, Row.Columns, column, Index);
}
