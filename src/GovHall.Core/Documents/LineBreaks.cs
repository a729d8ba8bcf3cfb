using Lucene.Net.Analysis.Cn.Smart;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Util;

namespace GovHall.Core.Documents;

// Where a line of a document may end, as Chinese typesetting has it (issue 23): never before a
// closing mark (。，、）」 …) nor after an opening one (（「《 …), never inside a word (照片 is one
// word, found by the SmartCn segmenter the catalog's search uses), and never inside a run of
// Latin letters, digits and signs (a code, a number, a date). A unit wider than the line is
// broken where it must be.
public static class LineBreaks
{
    private const string NoStart = "。，、；：？！）」』》〉】〕”’·…—～％‰℃.,;:?!)]}%";
    private const string NoEnd = "（「『《〈【〔“‘([{";
    private static readonly SmartChineseAnalyzer Analyzer = new(LuceneVersion.LUCENE_48);

    // Each paragraph ('\n') wrapped into lines no wider than width, measured by measure.
    public static List<string> Wrap(string text, double width, Func<string, double> measure)
    {
        var lines = new List<string>();
        foreach (var paragraph in text.Split('\n'))
        {
            var allowed = Allowed(paragraph);
            var start = 0;
            if (paragraph.Length == 0)
            {
                lines.Add("");
            }

            while (start < paragraph.Length)
            {
                var fit = start + 1;
                while (fit < paragraph.Length && measure(paragraph[start..(fit + 1)]) <= width)
                {
                    fit++;
                }

                if (fit == paragraph.Length)
                {
                    lines.Add(paragraph[start..]);
                    break;
                }

                var end = fit;
                while (end > start && !allowed[end])
                {
                    end--;
                }

                if (end == start)
                {
                    // One unit wider than the line: cut it, still keeping a closing mark off the next line's start.
                    end = fit > start + 1 && NoStart.Contains(paragraph[fit]) ? fit - 1 : fit;
                }

                lines.Add(paragraph[start..end].TrimEnd());
                start = end;
                while (start < paragraph.Length && paragraph[start] == ' ')
                {
                    start++;
                }
            }
        }

        return lines;
    }

    // allowed[i]: a line may end just before text[i].
    public static bool[] Allowed(string text)
    {
        var word = new int[text.Length];
        Array.Fill(word, -1);
        using (var stream = Analyzer.GetTokenStream("text", new StringReader(text)))
        {
            var offset = stream.AddAttribute<IOffsetAttribute>();
            stream.Reset();
            for (var index = 0; stream.IncrementToken(); index++)
            {
                for (var i = offset.StartOffset; i < Math.Min(offset.EndOffset, text.Length); i++)
                {
                    word[i] = index;
                }
            }

            stream.End();
        }

        var allowed = new bool[text.Length + 1];
        for (var i = 1; i < text.Length; i++)
        {
            char before = text[i - 1], at = text[i];
            allowed[i] = (word[i] == -1 || word[i] != word[i - 1])
                && !NoStart.Contains(at) && !NoEnd.Contains(before)
                && !(IsLatin(before) && IsLatin(at));
        }

        return allowed;
    }

    private static bool IsLatin(char c) => c < '\u2E80' && !char.IsWhiteSpace(c) && !NoStart.Contains(c) && !NoEnd.Contains(c);
}
