namespace ReplySearch.Core.Indexing;

/// <summary>
/// The index schema: one Lucene document per reply.
/// *_words fields hold SmartCn words (ranking by meaning); *_grams fields hold grams of the folded text
/// (exact substring recall): the short fields unigrams + bigrams with positions, the body its bigrams with
/// positions (text_grams) and which unigrams it holds (text_chars). These are how every reply is searched and
/// identified; the fields to filter and facet on are declared in <see cref="Model.FieldTable"/>.
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

    // The fields to filter and facet on (agency, year, delegates …) are declared in Model.FieldTable.

    /// <summary>The proposal's title (《…》), as doc values only: completions for the search box.</summary>
    public const string ProposalTitle = "proposal_title";

    /// <summary>The MinHash band terms of every paragraph (<see cref="Search.ParagraphFingerprints"/>): where a paragraph's copies are looked up.</summary>
    public const string ParagraphBands = "para_bands";

    /// <summary>How many commitments a reply makes, as numeric doc values: the commitments list counts them without reading the replies.</summary>
    public const string CommitmentCount = "commitment_count";

    /// <summary>yyyyMMdd as a number, for sorting by date.</summary>
    public const string DateSort = "date_sort";

    /// <summary>Commit user data: the parser/schema version the index was built with.</summary>
    public const string SchemaVersionKey = "replysearch.schema";
}
