using GovHall.Core.Catalog;

namespace GovHall.Core.Cases;

// 退回补正（一次性告知）: every material to correct, and every answer of the application form
// to change, with why, in one notice; the applicant corrects by GovHall:Cases:CorrectionDays.
public sealed record RequestCorrection(int Revision, IReadOnlyList<CorrectionItem> Corrections) : CaseCommand(Revision)
{
    public override CaseAction Action => CaseAction.RequestCorrection;

    protected override IEnumerable<Error> Problems(Case found, ItemContent content)
    {
        if (Corrections.Count == 0)
        {
            yield return new Error("case.corrections_required", "一次性告知至少要列出一项需要补正的内容。", "corrections");
            yield break;
        }

        var known = CaseMaterials.For(content, found.Situation).Select(m => m.Name).ToHashSet();
        for (var i = 0; i < Corrections.Count; i++)
        {
            if (Corrections[i].Field is { } key)
            {
                if (!Correctable(content, key))
                {
                    yield return new Error("case.correction_field_unknown", $"第 {i + 1} 项：请从本事项申请表的栏目中选择（表格栏目请以材料告知）。", $"corrections[{i}].field");
                }
            }
            else if (!known.Contains(Corrections[i].Material))
            {
                yield return new Error("case.correction_material_unknown", $"第 {i + 1} 项：请从本事项的材料中选择。", $"corrections[{i}].material");
            }

            if (Corrections[i].Reason?.Trim() is not { Length: > 0 and <= 500 })
            {
                yield return new Error("case.correction_reason_required", $"第 {i + 1} 项：请写明需要补正的原因（500 字以内）。", $"corrections[{i}].reason");
            }
        }

        if (Corrections.Count > 20)
        {
            yield return new Error("case.corrections_too_many", "一次性告知最多列出 20 项。", "corrections");
        }

        if (Corrections.Select(i => i.Field is { } key ? "field:" + key : i.Material).Distinct().Count() < Corrections.Count)
        {
            yield return new Error("case.correction_duplicate", "同一材料请合并为一项告知。", "corrections");
        }
    }

    public override async Task<Result<string?>> ApplyAsync(CaseChange change, CancellationToken cancellationToken)
    {
        // A field is named in the notice by its label.
        var items = Corrections.Select(c => c.Field is { } key ? c with { Material = "申请表“" + change.Content.Form.Fields.Single(f => f.Key == key).Label + "”" } : c).ToList();
        var moved = change.Found.RequestCorrection(change.At, items, change.At.Today.AddDays(change.Office.Settings.CorrectionDays));
        if (moved.Succeeded)
        {
            await change.IssueAsync(DocumentKind.CorrectionNotice, corrections: items, deadline: change.Found.CorrectionDueOn, cancellationToken: cancellationToken);
        }

        return Text(moved, string.Join("；", items.Select(c => $"{c.Material}：{c.Reason}")));
    }

    public override void Describe(IDictionary<string, string> values, Case found)
    {
        base.Describe(values, found);
        values["deadline"] = Notifications.Notifier.DateText(found.CorrectionDueOn);
        values["corrections"] = string.Join("\n", found.Corrections().Select((c, i) => $"{i + 1}. {c.Material}：{c.Reason.Trim()}"));
    }

    // A form field the notice may name: one answer (not a table of rows).
    public static bool Correctable(ItemContent content, string key) =>
        content.Form.Fields.Any(f => f.Key == key && f.Kind != FieldKind.Rows);
}
