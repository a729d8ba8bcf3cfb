using System.Globalization;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Cn.Smart;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Store;
using Lucene.Net.Util;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GovHall.Core.Catalog;

public sealed record CatalogQuery(
    string? Text = null, ItemKind? Kind = null, string? Topic = null, ApplicantType? ApplicantType = null,
    OnlineDepth? OnlineDepth = null, bool ZeroVisits = false, int Page = 1, int PageSize = 20)
{
    public const int MaxTextLength = 100;
    public const int MaxPageSize = 100;

    public string? Department { get; init; }
}

public sealed record CatalogHit(
    string Code, string Name, string NameHtml, string SnippetHtml, ItemKind Kind, string Department,
    OnlineDepth OnlineDepth, int VisitsRequired, IReadOnlyList<string> Topics, IReadOnlyList<ApplicantType> ApplicantTypes);

public sealed record CatalogPage(IReadOnlyList<CatalogHit> Items, int Total, int Page, int PageSize);

// Chinese full-text search over the published catalog (Lucene.NET with the SmartCn word
// segmenter). The index is in memory, rebuilt from the database whenever the catalog changed
// (on this node or another: the catalog_changes stamp is compared before a search), so the
// database stays the only truth. See docs/adr/0004-search-in-memory-lucene.md.
public sealed class CatalogIndex(IServiceScopeFactory scopes, TimeProvider clock) : IDisposable
{
    private static readonly LuceneVersion Version = LuceneVersion.LUCENE_48;
    private static readonly TimeSpan StampCheckInterval = TimeSpan.FromSeconds(2);
    private readonly Analyzer analyzer = new SmartChineseAnalyzer(Version);
    private readonly SemaphoreSlim rebuilding = new(1, 1);
    private Snapshot? snapshot;
    private DateTimeOffset nextStampCheck = DateTimeOffset.MinValue;
    private volatile bool stale = true;

    private static readonly (string Field, float Boost)[] Fields = [("name", 4), ("keywords", 3), ("topics", 2), ("body", 1)];

    // A change on this node: the next search reloads at once instead of waiting for the stamp check.
    public void MarkStale() => stale = true;

    public async Task<CatalogPage> SearchAsync(CatalogQuery query, CancellationToken cancellationToken)
    {
        var current = await CurrentAsync(cancellationToken);
        var (textQuery, patterns) = string.IsNullOrWhiteSpace(query.Text) ? (null, []) : TextQuery(query.Text.Trim());
        var outer = new BooleanQuery();
        if (textQuery is not null)
        {
            outer.Add(textQuery, Occur.MUST);
        }
        else if (!string.IsNullOrWhiteSpace(query.Text))
        {
            return new CatalogPage([], 0, query.Page, query.PageSize);
        }
        else
        {
            outer.Add(new MatchAllDocsQuery(), Occur.MUST);
        }

        void Filter(string field, string? value)
        {
            if (value is not null)
            {
                outer.Add(new TermQuery(new Term(field, value)), Occur.MUST);
            }
        }

        Filter("kind", query.Kind?.ToString());
        Filter("topic", query.Topic);
        Filter("applicant", query.ApplicantType?.ToString());
        Filter("depth", query.OnlineDepth?.ToString());
        Filter("zero", query.ZeroVisits ? "1" : null);
        Filter("department", query.Department);

        var wanted = query.Page * query.PageSize;
        var top = textQuery is null
            ? current.Searcher.Search(outer, null, wanted, new Sort(new SortField("order", SortFieldType.STRING)))
            : current.Searcher.Search(outer, wanted);
        var hits = top.ScoreDocs.Skip((query.Page - 1) * query.PageSize)
            .Select(d => ToHit(current, current.Searcher.Doc(d.Doc), textQuery is null ? null : patterns))
            .ToList();
        return new CatalogPage(hits, top.TotalHits, query.Page, query.PageSize);
    }

    public IReadOnlyList<string> Segment(string text)
    {
        var words = new List<string>();
        using var stream = analyzer.GetTokenStream("body", new StringReader(text));
        var term = stream.AddAttribute<ICharTermAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            words.Add(term.ToString());
        }

        stream.End();
        return words;
    }

    // The query, and the words (each a sequence of segments) its hits are marked with.
    private (BooleanQuery? Query, List<CatalogHighlights.Pattern> Patterns) TextQuery(string text)
    {
        var words = Segment(text).Distinct(StringComparer.Ordinal).ToList();
        var patterns = new List<CatalogHighlights.Pattern>();
        if (words.Count == 0)
        {
            return (null, patterns);
        }

        // Each word must match somewhere (most of them, for long queries), in the name best.
        var all = new BooleanQuery { MinimumNumberShouldMatch = Math.Max(1, (int)Math.Ceiling(words.Count * 0.75)) };
        foreach (var word in words)
        {
            var one = new BooleanQuery();
            foreach (var (variant, weight) in SearchSynonyms.Of(word).Select(w => (w, 0.8f)).Prepend((word, 1f)))
            {
                // A variant the segmenter splits (转入 → 转 / 入) must match as a phrase, or its
                // single characters would match almost everything.
                var parts = Segment(variant);
                if (parts.Count > 0)
                {
                    patterns.Add(new CatalogHighlights.Pattern(parts));
                }
                foreach (var (field, boost) in Fields)
                {
                    Query clause = parts.Count == 1 ? new TermQuery(new Term(field, parts[0])) : Phrase(field, parts);
                    clause.Boost = boost * weight;
                    one.Add(clause, Occur.SHOULD);
                }
            }

            all.Add(one, Occur.SHOULD);
        }

        var query = new BooleanQuery { { all, Occur.MUST } };
        if (words.Count > 1)
        {
            // The words in this order in the name: 教师资格 ranks 教师资格认定 first.
            var phrase = Phrase("name", words);
            phrase.Boost = 6;
            query.Add(phrase, Occur.SHOULD);
        }

        if (text.Length >= 6 && text.All(c => char.IsAsciiDigit(c) || char.IsAsciiLetterUpper(c)))
        {
            var byCode = new BooleanQuery
            {
                { new PrefixQuery(new Term("code", text)) { Boost = 10 }, Occur.SHOULD },
                { new PrefixQuery(new Term("basicCode", text)) { Boost = 10 }, Occur.SHOULD },
                { query, Occur.SHOULD },
            };
            return (byCode, patterns);
        }

        return (query, patterns);
    }

    private static PhraseQuery Phrase(string field, IEnumerable<string> words)
    {
        var phrase = new PhraseQuery();
        foreach (var word in words)
        {
            phrase.Add(new Term(field, word));
        }

        return phrase;
    }

    private static CatalogHit ToHit(Snapshot current, Document doc, IReadOnlyList<CatalogHighlights.Pattern>? patterns)
    {
        var code = doc.Get("code", CultureInfo.InvariantCulture);
        var name = doc.Get("name", CultureInfo.InvariantCulture);
        string nameHtml = System.Net.WebUtility.HtmlEncode(name), snippetHtml = System.Net.WebUtility.HtmlEncode(Shorten(doc.Get("summary", CultureInfo.InvariantCulture), CatalogHighlights.SnippetLength));
        if (patterns is not null && current.Texts.TryGetValue(code, out var texts))
        {
            nameHtml = CatalogHighlights.Whole(name, texts.NameTokens, patterns) ?? nameHtml;
            snippetHtml = CatalogHighlights.Snippet(texts.Body, texts.BodyTokens, patterns) ?? snippetHtml;
        }

        return new CatalogHit(
            code, name, nameHtml, snippetHtml, Enum.Parse<ItemKind>(doc.Get("kind", CultureInfo.InvariantCulture)), doc.Get("department", CultureInfo.InvariantCulture),
            Enum.Parse<OnlineDepth>(doc.Get("depth", CultureInfo.InvariantCulture)), int.Parse(doc.Get("visits", CultureInfo.InvariantCulture), System.Globalization.CultureInfo.InvariantCulture),
            doc.GetValues("topic", CultureInfo.InvariantCulture), doc.GetValues("applicant", CultureInfo.InvariantCulture).Select(Enum.Parse<ApplicantType>).ToList());
    }

    private static string Shorten(string text, int length) => text.Length <= length ? text : string.Concat(text.AsSpan(0, length), "…");

    private async Task<Snapshot> CurrentAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var current = snapshot;
        if (current is not null && !stale && now < nextStampCheck)
        {
            return current;
        }

        await rebuilding.WaitAsync(cancellationToken);
        try
        {
            // Cleared before reading, so a change committed meanwhile marks it stale again.
            stale = false;
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<HallDbContext>();
            var stamp = await StampAsync(db, cancellationToken);
            if (snapshot is null || snapshot.Stamp != stamp)
            {
                var fresh = Build(await ItemQueries.CurrentContentsAsync(db, cancellationToken), stamp);
                // The old snapshot is left to the collector: a search may still be reading it.
                snapshot = fresh;
            }

            nextStampCheck = now + StampCheckInterval;
            return snapshot;
        }
        finally
        {
            rebuilding.Release();
        }
    }

    private static async Task<string> StampAsync(HallDbContext db, CancellationToken cancellationToken)
    {
        var changes = db.CatalogChanges.AsNoTracking().Where(c => c.Action != CatalogAction.DraftSaved && c.Action != CatalogAction.Imported);
        var count = await changes.CountAsync(cancellationToken);
        var last = await changes.MaxAsync(c => (DateTime?)c.At, cancellationToken);
        return $"{count}/{last?.Ticks}";
    }

    private Snapshot Build(IReadOnlyList<PublishedItem> items, string stamp)
    {
        var directory = new RAMDirectory();
        var texts = new Dictionary<string, ItemTexts>(StringComparer.Ordinal);
        using (var writer = new IndexWriter(directory, new IndexWriterConfig(Version, analyzer) { OpenMode = OpenMode.CREATE }))
        {
            foreach (var (published, order) in items.OrderBy(i => i.Item.Department, StringComparer.Ordinal).ThenBy(i => i.Item.Code, StringComparer.Ordinal).Select((p, n) => (p, n)))
            {
                var content = published.Content;
                var body = Body(content);
                writer.AddDocument(ToDocument(content, body, order));
                texts[content.Code] = new ItemTexts(
                    CatalogHighlights.Tokens(analyzer, "name", content.Name), body, CatalogHighlights.Tokens(analyzer, "body", body));
            }

            writer.Commit();
        }

        var reader = DirectoryReader.Open(directory);
        return new Snapshot(stamp, directory, reader, new IndexSearcher(reader), texts);
    }

    private static string Body(ItemContent item)
    {
        var materials = item.Materials.Concat(item.Situations.SelectMany(s => s.Materials)).Select(m => m.Name);
        return string.Join("。", new[] { item.Conditions, item.Result.Name, string.Join("、", materials) }
            .Concat(item.Situations.Select(s => s.Name))
            .Concat(item.LegalBasis.Select(b => b.Law))
            .Concat(item.Faqs.Select(f => f.Question))
            .Select(part => part.TrimEnd('。')));
    }

    private static Document ToDocument(ItemContent item, string body, int order)
    {
        var doc = new Document
        {
            new StringField("code", item.Code, Field.Store.YES),
            new StringField("basicCode", item.BasicCode, Field.Store.NO),
            new TextField("name", item.Name, Field.Store.YES),
            new TextField("keywords", string.Join(" ", item.Keywords), Field.Store.NO),
            new TextField("topics", string.Join(" ", item.Topics), Field.Store.NO),
            new TextField("body", body, Field.Store.NO),
            new StoredField("summary", item.Conditions),
            new StringField("kind", item.Kind.ToString(), Field.Store.YES),
            new StringField("depth", item.OnlineDepth.ToString(), Field.Store.YES),
            new StringField("zero", item.VisitsRequired == 0 ? "1" : "0", Field.Store.NO),
            new StoredField("visits", item.VisitsRequired.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new StringField("department", item.ImplementingBody.Department, Field.Store.YES),
            new SortedDocValuesField("order", new BytesRef(order.ToString("D8", System.Globalization.CultureInfo.InvariantCulture))),
        };
        foreach (var topic in item.Topics)
        {
            doc.Add(new StringField("topic", topic, Field.Store.YES));
        }

        foreach (var applicant in item.ApplicantTypes)
        {
            doc.Add(new StringField("applicant", applicant.ToString(), Field.Store.YES));
        }

        return doc;
    }

    public void Dispose()
    {
        snapshot?.Dispose();
        analyzer.Dispose();
        rebuilding.Dispose();
    }

    // An item's name and guide text segmented once, for marking hits (CatalogHighlights).
    private sealed record ItemTexts(CatalogHighlights.Token[] NameTokens, string Body, CatalogHighlights.Token[] BodyTokens);

    private sealed record Snapshot(string Stamp, RAMDirectory Directory, DirectoryReader Reader, IndexSearcher Searcher, IReadOnlyDictionary<string, ItemTexts> Texts) : IDisposable
    {
        public void Dispose()
        {
            Reader.Dispose();
            Directory.Dispose();
        }
    }
}
