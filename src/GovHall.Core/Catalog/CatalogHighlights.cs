using System.Net;
using System.Text;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;

namespace GovHall.Core.Catalog;

// Marks a search's words in an item's name and in a short snippet of its guide. The words of
// every item are segmented once, when the index is built, and kept beside it; a search only
// compares its own words with them. Lucene's highlighters re-segmented each hit's text with
// SmartCn (the Highlighter) or decoded a whole chunk of term vectors per hit
// (FastVectorHighlighter: 565 KB allocated per search), which made a search 40 times (then 6
// times) the cost of the list it filters (issue 23; bench/README.md, "Search").
public static class CatalogHighlights
{
    public const int SnippetLength = 90;
    private const string Boundaries = "。；！？，、：\n";

    public readonly record struct Token(string Term, int Start, int End);

    // One word of the query, or a variant the segmenter splits (转入 → 转 / 入): its parts must
    // follow each other for a mark, or single characters would be marked everywhere.
    public sealed record Pattern(IReadOnlyList<string> Terms);

    public static Token[] Tokens(Analyzer analyzer, string field, string text)
    {
        var tokens = new List<Token>();
        using var stream = analyzer.GetTokenStream(field, new StringReader(text));
        var term = stream.AddAttribute<ICharTermAttribute>();
        var offset = stream.AddAttribute<IOffsetAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            tokens.Add(new Token(term.ToString(), offset.StartOffset, Math.Min(offset.EndOffset, text.Length)));
        }

        stream.End();
        return [.. tokens];
    }

    // The whole text, HTML-escaped, with every match in <mark>; null when nothing matches.
    public static string? Whole(string text, Token[] tokens, IReadOnlyList<Pattern> patterns)
    {
        var marks = Matches(tokens, patterns);
        return marks.Count == 0 ? null : Render(text, 0, text.Length, marks);
    }

    // About SnippetLength characters around the most matches, beginning after a punctuation
    // mark where one is near; null when nothing matches.
    public static string? Snippet(string text, Token[] tokens, IReadOnlyList<Pattern> patterns)
    {
        var marks = Matches(tokens, patterns);
        if (marks.Count == 0)
        {
            return null;
        }

        var (bestStart, bestScore) = (0, -1);
        foreach (var (markStart, _, _) in marks)
        {
            var start = markStart;
            for (var back = 1; back <= 10 && markStart - back >= 0; back++)
            {
                if (Boundaries.Contains(text[markStart - back]))
                {
                    start = markStart - back + 1;
                    break;
                }
            }

            var end = Math.Min(text.Length, start + SnippetLength);
            var score = marks.Where(m => m.Start >= start && m.End <= end).Select(m => m.Pattern).Distinct().Count();
            if (score > bestScore)
            {
                (bestStart, bestScore) = (start, score);
            }
        }

        return Render(text, bestStart, Math.Min(text.Length, bestStart + SnippetLength), marks);
    }

    private static List<(int Start, int End, int Pattern)> Matches(Token[] tokens, IReadOnlyList<Pattern> patterns)
    {
        var marks = new List<(int Start, int End, int Pattern)>();
        for (var i = 0; i < tokens.Length; i++)
        {
            for (var p = 0; p < patterns.Count; p++)
            {
                var terms = patterns[p].Terms;
                if (i + terms.Count > tokens.Length)
                {
                    continue;
                }

                var matches = true;
                for (var k = 0; k < terms.Count && matches; k++)
                {
                    matches = tokens[i + k].Term == terms[k] && (k == 0 || tokens[i + k].Start == tokens[i + k - 1].End);
                }

                if (matches)
                {
                    marks.Add((tokens[i].Start, tokens[i + terms.Count - 1].End, p));
                    break;
                }
            }
        }

        return marks;
    }

    private static string Render(string text, int from, int to, List<(int Start, int End, int Pattern)> marks)
    {
        var html = new StringBuilder();
        var at = from;
        foreach (var (start, end, _) in marks.Where(m => m.Start >= from && m.End <= to).OrderBy(m => m.Start))
        {
            if (start < at)
            {
                continue;
            }

            html.Append(WebUtility.HtmlEncode(text[at..start])).Append("<mark>").Append(WebUtility.HtmlEncode(text[start..end])).Append("</mark>");
            at = end;
        }

        return html.Append(WebUtility.HtmlEncode(text[at..to])).ToString();
    }
}
