using System.Text;
using ReplySearch.Core.Analysis;
using ReplySearch.Core.Model;

namespace ReplySearch.Core.Search;

/// <summary>A section for reading: its fields and its body as HTML, every match of the query marked.</summary>
public sealed record SectionView(string? Heading, SectionKind Kind, string Label, int Start, int Length, string Text, string Html, int Matches);

/// <summary>The whole reply for reading, with every match of an optional query marked.</summary>
public sealed record ReplyView
{
    public required string Id { get; init; }
    public required ReplyDocument Document { get; init; }
    public IReadOnlyList<SectionView> Sections { get; init; } = [];

    /// <summary>How many matches were marked in the whole reply.</summary>
    public int Matches { get; init; }

    public IReadOnlyList<MatchedForm> Matched { get; init; } = [];

    public static ReplyView Build(string id, ReplyDocument doc, string? query, Analyzers analyzers)
    {
        var spans = new List<SnippetBuilder.Span>();
        IReadOnlyList<MatchedForm> matched = [];
        if (!string.IsNullOrWhiteSpace(query))
        {
            var built = QueryBuilder.Build(QueryLanguage.Parse(query), new SearchRequest(), analyzers);
            spans = SnippetBuilder.FindSpans(doc.Text, built.Marks, analyzers);
            matched = SnippetBuilder.Matched(built.Terms, built.Marks, spans, doc.Text);
        }
        var sections = new List<SectionView>();
        foreach (var s in doc.Sections)
        {
            var end = s.Start + s.Length;
            var html = new StringBuilder();
            Html.AppendMarked(html, doc.Text, s.Start, end, spans);
            sections.Add(new SectionView(s.Heading, s.Kind, s.Label, s.Start, s.Length, s.Text, html.ToString(),
                spans.Count(x => x.Start >= s.Start && x.End <= end)));
        }
        return new ReplyView { Id = id, Document = doc, Sections = sections, Matches = spans.Count, Matched = matched };
    }
}
