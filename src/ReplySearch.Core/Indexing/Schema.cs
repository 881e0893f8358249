namespace ReplySearch.Core.Indexing;

/// <summary>
/// The index schema: one Lucene document per reply.
/// *_words fields hold SmartCn words (ranking by meaning); *_grams fields hold grams of the folded text
/// (exact substring recall): the short fields unigrams + bigrams with positions, the body its bigrams with
/// positions (text_grams) and which unigrams it holds (text_chars). Keyword fields carry doc values for facets, filters and sorting.
/// </summary>
public static class Schema
{
    // Identity and change detection.
    public const string Id = "id";
    public const string Source = "source";
    public const string ContentHash = "hash";

    /// <summary>The parsed document's fields as JSON, without its text: what show and the API read back.</summary>
    public const string Stored = "doc";

    /// <summary>The clean text, stored as UTF-16 bytes: what snippets are cut from.</summary>
    public const string StoredText = "text";

    // Full text.
    public const string TextWords = "text_words";
    /// <summary>The body's bigrams with positions: a string of two or more characters is a phrase of them.</summary>
    public const string TextGrams = "text_grams";

    /// <summary>
    /// Which single characters the body holds, each once, without counts or positions: a one-character
    /// query needs no phrase, positions of every character were the largest part of the index, and one
    /// token per occurrence was a fifth of the indexing time. One-character queries rank by the word field.
    /// </summary>
    public const string TextChars = "text_chars";
    /// <summary>The title and each section heading, one value each: a hit here outranks a body hit.</summary>
    public const string HeadGrams = "head_grams";

    /// <summary>Section headings only, for the section filter.</summary>
    public const string HeadingGrams = "heading_grams";
    public const string AgencyGrams = "agency_grams";
    public const string DelegateGrams = "delegate_grams";

    // Keywords: exact terms plus doc values.
    public const string Agency = "agency";
    public const string Year = "year";
    public const string Delegate = "delegate";
    public const string Kind = "kind";
    public const string Session = "session";
    public const string HandlingType = "handling_type";
    public const string DocNumber = "doc_number";
    public const string ProposalNumber = "proposal_number";

    // Portal metadata: 内容分类, 主办/协办/会办, 公开方式 (faceted) and 索引号, 提交日期 (exact filters).
    public const string ContentCategory = "content_category";
    public const string HandlingRole = "handling_role";
    public const string Disclosure = "disclosure";
    public const string IndexNumber = "index_number";
    public const string SubmittedDate = "submitted_date";

    /// <summary>The proposal's title (《…》), as doc values only: completions for the search box.</summary>
    public const string ProposalTitle = "proposal_title";

    /// <summary>yyyyMMdd as a number, for sorting by date.</summary>
    public const string DateSort = "date_sort";

    /// <summary>Commit user data: the parser/schema version the index was built with.</summary>
    public const string SchemaVersionKey = "replysearch.schema";
}
