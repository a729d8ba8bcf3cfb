using System.Text.RegularExpressions;
using GovHall.Core.Catalog;

namespace GovHall.Web.Pages.Admin.Items;

// The edit form works without JavaScript: "add a row", "remove this row" and file uploads
// arrive as paths ("Situations[1].Materials", "Materials[2]", "Materials[0].BlankForm") that
// this applies to the posted draft before it is saved.
internal static partial class DraftEditor
{
    // A set of values as checkboxes: the chosen ones first, in their stored order, then the
    // rest. Checkboxes post in the page's order, so an item saved unchanged keeps its order
    // (送达方式 reordered would show in the diff as a change nobody made).
    public static IEnumerable<T> Chosen<T>(IReadOnlyCollection<T> chosen) where T : struct, Enum =>
        chosen.Distinct().Concat(Enum.GetValues<T>().Where(v => !chosen.Contains(v)));

    public static bool Add(ItemContent draft, string listPath)
    {
        switch (listPath)
        {
            case "LegalBasis": draft.LegalBasis.Add(new LegalBasis()); return true;
            case "Situations": draft.Situations.Add(new Situation()); return true;
            case "Materials": draft.Materials.Add(new RequiredMaterial()); return true;
            case "Steps": draft.Steps.Add(new ProcessStep()); return true;
            case "Faqs": draft.Faqs.Add(new Faq()); return true;
            case "Fees.Items": draft.Fees.Items.Add(new FeeItem()); return true;
            case "Result.Fields": draft.Result.Fields.Add(new CertificateField()); return true;
        }

        var situation = SituationMaterials().Match(listPath);
        if (situation.Success && Index(situation, 1) is var s && s < draft.Situations.Count)
        {
            draft.Situations[s].Materials.Add(new RequiredMaterial());
            return true;
        }

        return false;
    }

    // Removes in descending index order so earlier removals do not shift later ones.
    public static void Remove(ItemContent draft, IEnumerable<string> paths)
    {
        // Deepest first (a material's file before the material, a situation's material before the
        // situation), then the highest index first, so no removal shifts the target of another.
        foreach (var path in paths.Distinct(StringComparer.Ordinal)
                     .OrderByDescending(p => p.Count(c => c is '.' or '['))
                     .ThenByDescending(p => Row().Match(p) is { Success: true } m ? Index(m, 2) : -1))
        {
            if (path == "Result.Sample")
            {
                draft.Result.Sample = null;
                continue;
            }

            var file = MaterialFile().Match(path);
            if (file.Success && MaterialAt(draft, file.Groups[1].Value) is { } material)
            {
                if (file.Groups[2].Value == "BlankForm")
                {
                    material.BlankForm = null;
                }
                else
                {
                    material.Sample = null;
                }

                continue;
            }

            var row = Row().Match(path);
            if (!row.Success)
            {
                continue;
            }

            var list = ListAt(draft, row.Groups[1].Value);
            var index = Index(row, 2);
            if (list is not null && index < list.Count)
            {
                list.RemoveAt(index);
            }
        }
    }

    public static bool SetFile(ItemContent draft, string path, FileReference file)
    {
        if (path == "Result.Sample")
        {
            draft.Result.Sample = file;
            return true;
        }

        var match = MaterialFile().Match(path);
        if (!match.Success || MaterialAt(draft, match.Groups[1].Value) is not { } material)
        {
            return false;
        }

        if (match.Groups[2].Value == "BlankForm")
        {
            material.BlankForm = file;
        }
        else
        {
            material.Sample = file;
        }

        return true;
    }

    private static RequiredMaterial? MaterialAt(ItemContent draft, string path)
    {
        var row = Row().Match(path);
        if (!row.Success || ListAt(draft, row.Groups[1].Value) is not List<RequiredMaterial> list)
        {
            return null;
        }

        var index = Index(row, 2);
        return index < list.Count ? list[index] : null;
    }

    private static System.Collections.IList? ListAt(ItemContent draft, string listPath)
    {
        switch (listPath)
        {
            case "LegalBasis": return draft.LegalBasis;
            case "Situations": return draft.Situations;
            case "Materials": return draft.Materials;
            case "Steps": return draft.Steps;
            case "Faqs": return draft.Faqs;
            case "Fees.Items": return draft.Fees.Items;
            case "Result.Fields": return draft.Result.Fields;
        }

        var situation = SituationMaterials().Match(listPath);
        return situation.Success && Index(situation, 1) is var s && s < draft.Situations.Count ? draft.Situations[s].Materials : null;
    }

    private static int Index(Match match, int group) =>
        int.TryParse(match.Groups[group].Value, System.Globalization.CultureInfo.InvariantCulture, out var index) && index >= 0 ? index : int.MaxValue;

    [GeneratedRegex(@"^Situations\[(\d{1,3})\]\.Materials$")]
    private static partial Regex SituationMaterials();

    [GeneratedRegex(@"^(.+)\[(\d{1,3})\]$")]
    private static partial Regex Row();

    [GeneratedRegex(@"^(.+\[\d{1,3}\])\.(BlankForm|Sample)$")]
    private static partial Regex MaterialFile();
}
