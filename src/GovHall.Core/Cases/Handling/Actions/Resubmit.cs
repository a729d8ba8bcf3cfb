using GovHall.Core.Catalog;

namespace GovHall.Core.Cases;

public sealed record CorrectionFile(string Material, string FileName, byte[] Content);

// 补正后重新提交: the applicant gives new files for the materials the notice named, and new
// answers for the form fields it named (and only those); the case goes back to the window's
// acceptance step.
public sealed record Resubmit(int Revision, IReadOnlyList<CorrectionFile> Files, IReadOnlyDictionary<string, string>? Answers = null) : CaseCommand(Revision)
{
    private IReadOnlyDictionary<string, string> Given => Answers ?? new Dictionary<string, string>();

    public override CaseAction Action => CaseAction.Resubmit;

    // Every uploadable material the notice names needs at least one new file, checked as on
    // the materials page.
    protected override IEnumerable<Error> Problems(Case found, ItemContent content)
    {
        var asked = found.Corrections();
        foreach (var item in asked.Where(i => i.Field is not null))
        {
            if (!Given.TryGetValue(item.Field!, out var value) || string.IsNullOrWhiteSpace(value))
            {
                yield return new Error("case.correction_answer_missing", $"请填写更正后的{item.Material}。", "answer:" + item.Field);
            }
        }

        foreach (var key in Given.Keys.Where(k => !asked.Any(a => a.Field == k)))
        {
            yield return new Error("case.correction_field_unexpected", "只能修改补正告知中列出的申请表栏目，其他栏目不能修改。", "answer:" + key);
        }

        var materials = CaseMaterials.For(content, found.Situation);
        foreach (var item in asked.Where(i => i.Field is null))
        {
            var material = materials.FirstOrDefault(m => m.Name == item.Material);
            var given = Files.Where(f => f.Material == item.Material).ToList();
            if (material is null || !CaseMaterials.Uploadable(material))
            {
                if (given.Count > 0)
                {
                    yield return new Error("case.correction_file_unexpected", $"“{item.Material}”无需在网上提交，请按告知到窗口补正。", CaseMaterials.FieldOf(item.Material));
                }

                continue;
            }

            if (given.Count == 0)
            {
                yield return new Error("case.correction_file_missing", $"请上传补正后的“{item.Material}”。", CaseMaterials.FieldOf(item.Material));
            }

            for (var i = 0; i < given.Count; i++)
            {
                if (CaseMaterials.CheckUpload(material, given[i].FileName, given[i].Content, i) is { } problem)
                {
                    yield return problem;
                }
            }
        }

        foreach (var file in Files.Where(f => !asked.Any(a => a.Field is null && a.Material == f.Material)))
        {
            yield return new Error("case.correction_file_unexpected", $"“{file.Material}”不在补正告知的范围内。", CaseMaterials.FieldOf(file.Material));
        }
    }

    public override async Task<Result<string?>> ApplyAsync(CaseChange change, CancellationToken cancellationToken)
    {
        var corrected = 0;
        if (Given.Count > 0)
        {
            var answers = change.Office.Answers.Correct(change.Found, change.Content, Given, change.At.Today);
            if (!answers.Succeeded)
            {
                return Result<string?>.Fail(answers.Errors.Select(e => e with { Field = "answer:" + e.Field }).ToList());
            }

            corrected = answers.Value!.Count;
        }

        var position = await change.Office.NextFilePositionAsync(change.Found, cancellationToken);
        foreach (var file in Files)
        {
            var stored = await change.Office.StoreFileAsync(file.Content, cancellationToken);
            if (!stored.Succeeded)
            {
                return Result<string?>.Fail(stored.Errors);
            }

            change.Office.AddFile(change.Found, file.Material, Path.GetFileName(file.FileName), stored.Value!, position++);
        }

        return Text(change.Found.Resubmit(change.At), GivenReason ?? (corrected > 0 ? $"补正材料 {Files.Count} 份，更正申请表 {corrected} 项" : $"补正材料 {Files.Count} 份"));
    }
}
