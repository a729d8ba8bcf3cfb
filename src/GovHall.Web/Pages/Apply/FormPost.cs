using System.Text.Json.Nodes;
using GovHall.Core.Cases;
using GovHall.Core.Catalog;

namespace GovHall.Web.Pages.Apply;

// Reads the answers of a rendered form from a posted HTML form: a scalar field is posted as
// "a.{key}", a cell of a Rows field as "a.{key}[{row}].{column}".
public static class FormPost
{
    public const string Prefix = "a.";

    public static (JsonObject Answers, IReadOnlyList<string> Keys) Read(IFormCollection posted, IEnumerable<FormField> fields)
    {
        var answers = new JsonObject();
        var keys = new List<string>();
        foreach (var field in fields)
        {
            keys.Add(field.Key);
            if (field.Kind == FieldKind.Rows)
            {
                var rows = new JsonArray();
                for (var i = 0; i < (field.MaxRows ?? 50) + 1; i++)
                {
                    var row = new JsonObject();
                    foreach (var column in field.Columns)
                    {
                        var value = posted[$"{Prefix}{field.Key}[{i}].{column.Key}"].ToString();
                        if (value.Length > 0)
                        {
                            row[column.Key] = value;
                        }
                    }

                    if (row.Count > 0)
                    {
                        rows.Add(row);
                    }
                }

                if (rows.Count > 0)
                {
                    answers[field.Key] = rows;
                }
            }
            else
            {
                var value = posted[Prefix + field.Key].ToString();
                if (value.Length > 0)
                {
                    answers[field.Key] = value;
                }
            }
        }

        return (answers, keys);
    }

    public static IReadOnlyList<JsonObject> Rows(JsonObject answers, string key) =>
        answers[key] is JsonArray array ? array.OfType<JsonObject>().ToList() : [];
}

// What _FormFields renders: the fields that apply, the answers so far and the errors in place.
public sealed record FormFieldsView(ApplicationForm Form, string Situation, JsonObject Answers, IReadOnlyList<GovHall.Core.Error> Errors, bool Preview = false)
{
    // The repeating field whose 保存并添加一行 was just pressed: one more empty row than usual.
    public string? MoreRowsFor { get; init; }

    public IEnumerable<FormField> Fields => Preview ? Form.Fields : FormAnswers.Applicable(Form, Situation, Answers);

    public string? ErrorFor(string path) => Errors.FirstOrDefault(e => e.Field == path)?.Message;

    public string LabelOf(string key) => Form.Fields.FirstOrDefault(f => f.Key == key)?.Label ?? key;

    public bool Decides(FormField field) => Form.Fields.Any(f => f.ShowWhen?.Field == field.Key);
}
