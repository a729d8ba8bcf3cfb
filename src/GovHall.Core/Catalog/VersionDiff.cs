using DiffPlex.DiffBuilder;
using DiffPlex.DiffBuilder.Model;

namespace GovHall.Core.Catalog;

public enum DiffLineKind { Unchanged, Added, Removed }

public sealed record DiffLine(DiffLineKind Kind, string Text);

// A readable diff of two versions: each element is written as "标签：值" lines in guide order,
// then compared line by line, so a reader sees "承诺时限：20 个工作日" removed and
// "承诺时限：15 个工作日" added instead of JSON.
public static class VersionDiff
{
    public static IReadOnlyList<DiffLine> Compare(ItemContent older, ItemContent newer)
    {
        var model = InlineDiffBuilder.Diff(string.Join('\n', Lines(older)), string.Join('\n', Lines(newer)), ignoreWhiteSpace: false);
        return model.Lines.Select(l => new DiffLine(
            l.Type switch
            {
                ChangeType.Inserted => DiffLineKind.Added,
                ChangeType.Deleted => DiffLineKind.Removed,
                _ => DiffLineKind.Unchanged,
            },
            l.Text)).ToList();
    }

    public static IEnumerable<string> Lines(ItemContent item)
    {
        yield return $"事项名称：{item.Name}";
        yield return $"实施编码：{item.Code}";
        yield return $"基本编码：{item.BasicCode}";
        yield return $"事项类型：{GuideText.Of(item.Kind)}";
        yield return $"主题：{string.Join("、", item.Topics)}";
        yield return $"检索关键词：{string.Join("、", item.Keywords)}";
        yield return $"实施主体：{item.ImplementingBody.Name}（{item.ImplementingBody.Department}）";
        foreach (var basis in item.LegalBasis)
        {
            yield return $"{GuideText.Of(basis.Kind)}：{basis.Law}{basis.Article}：{basis.Text}";
        }

        yield return $"服务对象：{string.Join("、", item.ApplicantTypes.Select(GuideText.Of))}";
        yield return $"受理条件：{item.Conditions}";
        if (item.QuantityLimit is not null)
        {
            yield return $"数量限制：{item.QuantityLimit}";
        }

        foreach (var line in Materials("申请材料", item.Materials))
        {
            yield return line;
        }

        foreach (var situation in item.Situations)
        {
            yield return $"情形：{situation.Name}{(situation.Description is null ? "" : $"：{situation.Description}")}";
            foreach (var line in Materials($"情形“{situation.Name}”材料", situation.Materials))
            {
                yield return line;
            }
        }

        foreach (var step in item.Steps)
        {
            yield return $"办理环节：{step.Name}（{step.Role}，{GuideText.Of(step.TimeLimit)}）{step.Description}";
        }

        yield return $"法定时限：{GuideText.Of(item.StatutoryLimit)}{item.StatutoryLimit.Note}";
        yield return $"承诺时限：{GuideText.Of(item.PromisedLimit)}{item.PromisedLimit.Note}";
        yield return item.Fees.Charged ? "是否收费：收费" : "是否收费：不收费";
        foreach (var fee in item.Fees.Items)
        {
            yield return $"收费项目：{fee.Name}，{fee.Standard}，依据 {fee.Basis}";
        }

        yield return $"网上办理深度：{GuideText.Of(item.OnlineDepth)}";
        yield return $"到现场次数：{GuideText.Visits(item.VisitsRequired)}{item.VisitsNote}";
        yield return $"预约办理：{(item.Appointment.Available ? "支持" : "不支持")}{item.Appointment.Note}";
        yield return $"送达方式：{string.Join("、", item.Delivery.Select(GuideText.Of))}";
        yield return $"办理地点：{item.Place.Address}";
        yield return $"办理时间：{item.Place.Hours}";
        yield return $"咨询电话：{item.Contacts.ConsultPhone}";
        yield return $"投诉电话：{item.Contacts.ComplaintPhone}";
        yield return $"行政复议：{item.Remedies.ReviewBody}";
        yield return $"行政诉讼：{item.Remedies.LitigationBody}";
        yield return $"办理结果：{GuideText.Of(item.Result.Type)}，{item.Result.Name}";
        foreach (var faq in item.Faqs)
        {
            yield return $"常见问题：{faq.Question} —— {faq.Answer}";
        }
    }

    private static IEnumerable<string> Materials(string label, IEnumerable<RequiredMaterial> materials) =>
        materials.Select(m =>
            $"{label}：{m.Name}（{GuideText.Requirements(m, "，")}，{GuideText.Of(m.Source)}）"
            + (m.BlankForm is null ? "" : $" 空白表格：{m.BlankForm.FileName}")
            + (m.Sample is null ? "" : $" 示例样表：{m.Sample.FileName}"));
}
