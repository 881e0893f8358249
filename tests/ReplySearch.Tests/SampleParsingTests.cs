using System.Text.Json;
using ReplySearch.Core.Indexing;
using ReplySearch.Core.Model;
using ReplySearch.Tests.Support;

namespace ReplySearch.Tests;

/// <summary>The parser against the hand-checked fields of every file in corpus/ (Cases/samples.expected.json).</summary>
public class SampleParsingTests
{
    public sealed record Expected(
        string File, string? Agency, int? Year, string? Date, string? DocNumber, string? Title, string Kind, string? Session,
        string? ProposalNumber, string? ProposalTitle, string[] Delegates, int? DelegateCount, string? HandlingType,
        string HandlingRole, string? ContentCategory, string? IndexNumber, string? Disclosure, string? SubmittedDate,
        string[] Sections, string? Leader, string? Handler, string? Phone, string? Cc, string[] Contains, string[] NotContains);

    private static readonly Lazy<Dictionary<string, Expected>> Table = new(() =>
        JsonSerializer.Deserialize<List<Expected>>(File.ReadAllText(Path.Combine(Repo.Cases, "samples.expected.json")), ReplySearch.Core.Model.Json.Options)!
            .ToDictionary(e => e.File));

    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        foreach (var f in Table.Value.Keys.Order(StringComparer.Ordinal)) data.Add(f);
        return data;
    }

    private static ReplyDocument Parse(string file)
    {
        var result = ReplyReader.Read(Path.Combine(Repo.Corpus, file), file);
        Assert.True(result.Ok, result.Error);
        return result.Document!;
    }

    [Fact]
    public void Every_corpus_file_has_a_case()
    {
        var files = Directory.GetFiles(Repo.Corpus).Select(Path.GetFileName).Where(f => !f!.StartsWith("README")).Order();
        Assert.Equal(files, Table.Value.Keys.Order());
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Header_fields_match(string file)
    {
        var e = Table.Value[file];
        var d = Parse(file);
        Assert.Equal(
            new { e.Agency, e.Year, e.Date, e.DocNumber, e.Title, e.Kind, e.Session, e.ProposalNumber, e.ProposalTitle, e.HandlingType },
            new { d.Agency, d.Year, d.Date, d.DocNumber, d.Title, d.Kind, d.Session, d.ProposalNumber, d.ProposalTitle, d.HandlingType });
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Portal_fields_match(string file)
    {
        var e = Table.Value[file];
        var d = Parse(file);
        Assert.Equal(
            new { e.HandlingRole, e.ContentCategory, e.IndexNumber, e.Disclosure, e.SubmittedDate },
            new { d.HandlingRole, d.ContentCategory, d.IndexNumber, d.Disclosure, d.SubmittedDate });
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Delegates_match(string file)
    {
        var e = Table.Value[file];
        var d = Parse(file);
        Assert.Equal(e.Delegates, d.Delegates);
        Assert.Equal(e.DelegateCount, d.DelegateCount);
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Section_headings_match(string file) =>
        Assert.Equal(Table.Value[file].Sections, Parse(file).Sections.Where(s => s.Heading is not null).Select(s => s.Heading!));

    [Theory]
    [MemberData(nameof(Files))]
    public void Contact_lines_match(string file)
    {
        var e = Table.Value[file];
        var d = Parse(file);
        Assert.Equal(new { e.Leader, e.Handler, e.Phone, e.Cc }, new { d.Leader, d.Handler, d.Phone, d.Cc });
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Clean_text_rejoins_splits_and_drops_chrome(string file)
    {
        var e = Table.Value[file];
        var d = Parse(file);
        Assert.All(e.Contains, s => Assert.Contains(s, d.Text));
        Assert.All(e.NotContains, s => Assert.DoesNotContain(s, d.Text));
    }
}
