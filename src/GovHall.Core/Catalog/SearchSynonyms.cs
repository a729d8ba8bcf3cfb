namespace GovHall.Core.Catalog;

// Words people use for the same thing. A query word is widened to its group, so 学前 finds the
// kindergarten items and 转校 finds transfers. Items may add their own words in Keywords.
internal static class SearchSynonyms
{
    private static readonly string[][] Groups =
    [
        ["幼儿园", "学前", "托幼", "幼教", "入园"],
        ["转学", "转校", "转入", "转出"],
        ["延缓入学", "推迟入学", "缓学", "晚上学"],
        ["休学", "停学"],
        ["培训机构", "培训班", "校外培训", "补习班"],
        ["民办", "私立", "社会力量"],
        ["资格证", "资格证书", "教资"],
        ["申诉", "投诉"],
        ["资助", "补助", "助学金"],
        ["学籍", "学历证明"],
        ["校车", "接送车"],
    ];

    private static readonly Dictionary<string, string[]> ByWord = Groups
        .SelectMany(group => group.Select(word => (word, group)))
        .GroupBy(p => p.word)
        .ToDictionary(g => g.Key, g => g.SelectMany(p => p.group).Where(w => w != g.Key).Distinct().ToArray(), StringComparer.Ordinal);

    public static IReadOnlyList<string> Of(string word) => ByWord.TryGetValue(word, out var words) ? words : [];
}
