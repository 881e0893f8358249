using Lucene.Net.Index;
using Lucene.Net.Search;
using ReplySearch.Core.Analysis;
using ReplySearch.Core.Engine;
using ReplySearch.Core.Indexing;
using ReplySearch.Core.Model;
using ReplySearch.Core.Parsing;

namespace ReplySearch.Core.Search;

/// <summary>A reply as the history lists it.</summary>
public record ReplyRef(string Id, string? Title, string? Agency, int? Year, string? Date, string Kind, string HandlingRole)
{
    internal static ReplyRef Of(ReplyDocument d) => new(DocumentMapper.IdFor(d.Source), d.Title, d.Agency, d.Year, d.Date, d.Kind, d.HandlingRole);
}

/// <summary>A reply on the same topic, with how similar it is (1: the most similar found).</summary>
public sealed record TopicReply(string Id, string? Title, string? Agency, int? Year, string? Date, string Kind, string HandlingRole, double Similarity)
    : ReplyRef(Id, Title, Agency, Year, Date, Kind, HandlingRole);

/// <summary>One delegate's (or organisation's) replies, newest first.</summary>
public sealed record DelegateReplies(string Name, IReadOnlyList<ReplyRef> Replies);

/// <summary>A word a delegate's proposals are about, and in how many of their replies it is among the distinctive words.</summary>
public sealed record TopicTerm(string Term, int Count);

/// <summary>A delegate (or organisation): one spelling of the name, the replies newest first, what they asked about.</summary>
public sealed record DelegateProfile(string Name, IReadOnlyList<ReplyRef> Replies, IReadOnlyList<TopicTerm> Topics);

/// <summary>What came before and around a reply: its proposal's other replies, its delegates' other proposals, the same topic in other years.</summary>
public sealed record ReplyHistory(IReadOnlyList<ReplyRef> Proposal, IReadOnlyList<DelegateReplies> Delegates, IReadOnlyList<TopicReply> Topic);

/// <summary>
/// Links a reply to the rest of the archive, which portals list one by one:
/// - the proposal: the other replies and opinions to the same proposal, 主办, 协办 and 会办 alike: the same
///   session, number and kind within a year of each other, or the same proposal title (<see cref="FieldTable.ProposalKey"/>);
/// - the delegates: each delegate's other replies, newest first, under one spelling (<see cref="DelegateNames"/>);
/// - the topic: replies of other years like this one (MoreLikeThis on its distinctive words), oldest first,
///   leaving out those already listed.
/// </summary>
public static class ReplyHistories
{
    public const int MaxPerList = 50;
    public const int TopicCount = 10;

    /// <summary>
    /// A topic is told by words in at most this share of the archive (percent). Words in up to half of it read
    /// half the index's postings for each history; see docs/performance.md for what this costs and keeps.
    /// </summary>
    public const int TopicMaxDocFreqPct = 10;

    /// <summary>How much a word of the proposal's title weighs beside the body's distinctive words (measured with eval-history).</summary>
    private const float TitleWordBoost = 2f;

    public static ReplyHistory Find(IndexSearcher searcher, Analyzers analyzers, ReplyDocument doc, string id)
    {
        var listed = new HashSet<string> { id };
        var proposal = Proposal(searcher, doc, id);
        listed.UnionWith(proposal.Select(r => r.Id));

        var delegates = new List<DelegateReplies>();
        foreach (var name in doc.Delegates.Select(DelegateNames.Normalize).Where(n => n.Length > 0).Distinct())
        {
            // Their other proposals: this proposal's replies are listed above.
            var replies = Refs(searcher, new TermQuery(new Term(FieldTable.Delegate.IndexName, name)))
                .Where(r => !listed.Contains(r.Id)).OrderByDescending(DateKey, StringComparer.Ordinal).ToList();
            delegates.Add(new DelegateReplies(name, replies));
        }
        listed.UnionWith(delegates.SelectMany(d => d.Replies).Select(r => r.Id));

        return new ReplyHistory(proposal, delegates, Topic(searcher, analyzers, doc, listed));
    }

    public const int DelegateTopics = 10;

    /// <summary>
    /// A delegate (or organisation) named any way the archive writes it: the replies, newest first, and the
    /// words most often among their replies' distinctive words (MoreLikeThis); null when no reply names them.
    /// </summary>
    public static DelegateProfile? Delegate(IndexSearcher searcher, Analyzers analyzers, string name)
    {
        var normalized = DelegateNames.Normalize(name);
        if (normalized.Length == 0) return null;
        var hits = searcher.Search(new TermQuery(new Term(FieldTable.Delegate.IndexName, normalized)), MaxPerList).ScoreDocs;
        if (hits.Length == 0) return null;
        var docs = hits.Select(sd => DocumentMapper.FromStored(searcher.Doc(sd.Doc), sectionTexts: false)).ToList();
        var counts = new Dictionary<string, int>();
        foreach (var doc in docs)
        {
            foreach (var term in SimilarReplies.Like(searcher, analyzers, doc).Interesting.Distinct())
            {
                // A topic is words: not a number (2016, 35), not the place or agency that answered (潍坊市).
                if (!term.Any(c => c >= '\u4e00' && c <= '\u9fff') || docs.Any(d => d.Agency?.Contains(term, StringComparison.Ordinal) == true)) continue;
                counts[term] = counts.GetValueOrDefault(term) + 1;
            }
        }
        var topics = counts.OrderByDescending(c => c.Value).ThenBy(c => c.Key, StringComparer.Ordinal).Take(DelegateTopics).Select(c => new TopicTerm(c.Key, c.Value)).ToList();
        return new DelegateProfile(normalized, docs.Select(ReplyRef.Of).OrderByDescending(DateKey, StringComparer.Ordinal).ToList(), topics);
    }

    private static IReadOnlyList<ReplyRef> Proposal(IndexSearcher searcher, ReplyDocument doc, string id)
    {
        var same = new BooleanQuery();
        if (doc.Session is { } session && doc.ProposalNumber is { } number)
        {
            var numbered = new BooleanQuery
            {
                { new TermQuery(new Term(FieldTable.Session.IndexName, FieldTable.Session.Normalize(session))), Occur.MUST },
                { new TermQuery(new Term(FieldTable.ProposalNumber.IndexName, FieldTable.ProposalNumber.Normalize(number))), Occur.MUST },
                { new TermQuery(new Term(FieldTable.Kind.IndexName, FieldTable.Kind.Normalize(doc.Kind))), Occur.MUST },
            };
            // Numbers restart every session and every place: a year apart at most (a reply may come the next
            // January), so that another city's 第143号 of a like-named session is not taken for this one.
            if (doc.Year is { } year) numbered.Add(NumericRangeQuery.NewInt32Range(FieldTable.Year.IndexName, year - 1, year + 1, true, true), Occur.MUST);
            same.Add(numbered, Occur.SHOULD);
        }
        if (doc.ProposalTitle is { } title && FieldTable.ProposalKey(title) is { Length: >= 6 } key)
        {
            // Two places' delegates may write the same title in the same year: the year window holds here too.
            var titled = new BooleanQuery { { new TermQuery(new Term(FieldTable.ProposalTitle.IndexName, key)), Occur.MUST } };
            if (doc.Year is { } year) titled.Add(NumericRangeQuery.NewInt32Range(FieldTable.Year.IndexName, year - 1, year + 1, true, true), Occur.MUST);
            same.Add(titled, Occur.SHOULD);
        }
        if (same.Clauses.Count == 0) return [];
        var query = new BooleanQuery { { same, Occur.MUST }, { new TermQuery(new Term(Schema.Id, id)), Occur.MUST_NOT } };
        // Sessions and numbers are per place (市十八届人大三次会议 is every city's): the agencies answering one
        // proposal are of one place, so a reply from another place is another proposal.
        var place = Place(doc.Agency);
        // The lead reply first, then the opinions, each by date.
        return RefDocs(searcher, query).Where(d => place is null || Place(d.Agency) is not { } other || other == place)
            .Select(ReplyRef.Of).OrderBy(r => r.HandlingRole == HandlingRoles.Lead ? 0 : 1).ThenBy(DateKey, StringComparer.Ordinal).ToList();
    }

    /// <summary>The place an agency belongs to (潍坊市 of 潍坊市城市管理局), from its canonical name; null when it names none.</summary>
    internal static string? Place(string? agency)
    {
        if (agency is null) return null;
        for (var i = 1; i < Math.Min(agency.Length, 8); i++)
        {
            if (agency[i] is '省' or '市' or '县' or '区' or '州' or '盟' or '旗') return agency[..(i + 1)];
        }
        return null;
    }

    private static IReadOnlyList<TopicReply> Topic(IndexSearcher searcher, Analyzers analyzers, ReplyDocument doc, HashSet<string> listed)
    {
        var (like, _) = SimilarReplies.Like(searcher, analyzers, doc, maxDocFreqPct: TopicMaxDocFreqPct);
        var about = new BooleanQuery { { like, Occur.SHOULD } };
        // What the proposal is about, in its own title: its distinctive words (in under half the archive) weigh
        // as much again as the body's, since a reply's body also holds much that any reply says.
        var maxDf = searcher.IndexReader.NumDocs / 2;
        foreach (var word in analyzers.WordTokens(CharFolding.FoldWords(doc.ProposalTitle ?? doc.Title ?? "")).Select(t => t.Term).Where(w => w.Length >= 2).Distinct())
        {
            var term = new Term(Schema.TextWords, word);
            var df = searcher.IndexReader.DocFreq(term);
            if (df > 0 && df <= maxDf) about.Add(new TermQuery(term) { Boost = TitleWordBoost }, Occur.SHOULD);
        }
        // Other years only: the same year's replies on the topic are the proposal's or its neighbours'. The
        // exclusion is a clause of the disjunction itself, not of a query around it: without a required clause
        // Lucene scores the disjunction a block of replies at a time (BooleanScorer) instead of merging its
        // terms reply by reply, which was half of a history call at 100k replies; the scores are the same (a
        // prohibited clause counts in no coord and no norm).
        if (doc.Year is { } year) about.Add(NumericRangeQuery.NewInt32Range(FieldTable.Year.IndexName, year, year, true, true), Occur.MUST_NOT);
        var top = searcher.Search(about, TopicCount + listed.Count + 10).ScoreDocs;
        if (top.Length == 0) return [];
        var best = top[0].Score;
        return top
            .Select(sd => (Doc: DocumentMapper.FromStored(searcher.Doc(sd.Doc), sectionTexts: false), sd.Score))
            .Select(x => (Ref: ReplyRef.Of(x.Doc), x.Score))
            .Where(x => !listed.Contains(x.Ref.Id))
            .Take(TopicCount)
            .Select(x => new TopicReply(x.Ref.Id, x.Ref.Title, x.Ref.Agency, x.Ref.Year, x.Ref.Date, x.Ref.Kind, x.Ref.HandlingRole, Math.Round(x.Score / best, 2)))
            .OrderBy(t => DateKey(t), StringComparer.Ordinal)
            .ToList();
    }

    private static List<ReplyRef> Refs(IndexSearcher searcher, Query query) => RefDocs(searcher, query).Select(ReplyRef.Of).ToList();

    private static IEnumerable<ReplyDocument> RefDocs(IndexSearcher searcher, Query query) =>
        searcher.Search(query, MaxPerList).ScoreDocs.Select(sd => DocumentMapper.FromStored(searcher.Doc(sd.Doc), sectionTexts: false));

    private static string DateKey(ReplyRef r) => r.Date ?? (r.Year is { } y ? $"{y}-99-99" : "0000");
}
