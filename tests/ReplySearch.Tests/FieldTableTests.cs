using ReplySearch.Cli;
using ReplySearch.Core.Model;
using ReplySearch.Core.Search;

namespace ReplySearch.Tests;

/// <summary>
/// The field table is the one declaration of a reply's fields: these pin that every entry is complete for
/// what it claims (a filter can be typed in every front end, a facet is indexed with doc values) and that
/// the front ends follow it rather than lists of their own.
/// </summary>
public class FieldTableTests
{
    public static TheoryData<string> FilterFields() => [.. FieldTable.Filters.Select(f => f.Name)];

    public static TheoryData<string> FacetFields() => [.. FieldTable.Facets.Select(f => f.Name)];

    [Theory]
    [MemberData(nameof(FilterFields))]
    public void A_filter_field_can_be_typed_in_the_api_the_cli_and_the_query_text(string name)
    {
        var field = FieldTable.ByName(name)!;
        Assert.Contains(SearchRequestParser.Parameters, p => p.Name == name && p.Field == field);
        Assert.NotNull(field.CliOption);
        Assert.Contains(SearchCommand.Create().Options, o => o.Name == field.CliOption);
        if (field.Filter == FilterMatch.Contains) Assert.NotNull(field.GramsField);
        else Assert.NotNull(field.IndexName);
    }

    [Theory]
    [MemberData(nameof(FacetFields))]
    public void A_facet_field_is_indexed_with_doc_values(string name)
    {
        var field = FieldTable.ByName(name)!;
        Assert.NotEqual(FieldIndexing.None, field.Indexing);
        Assert.NotNull(field.IndexName);
    }

    [Fact]
    public void Names_aliases_and_csv_places_are_each_used_once()
    {
        Assert.Equal(FieldTable.All.Count, FieldTable.All.Select(f => f.Name).Distinct().Count());
        var aliases = FieldTable.All.SelectMany(f => f.Aliases).ToList();
        Assert.Equal(aliases.Count, aliases.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        var places = FieldTable.All.Where(f => f.Csv is not null).Select(f => f.Csv!.Position).ToList();
        Assert.Equal(places.Count, places.Distinct().Count());
        var indexNames = FieldTable.All.SelectMany(f => new[] { f.IndexName, f.GramsField }).OfType<string>().ToList();
        Assert.Equal(indexNames.Count, indexNames.Distinct().Count());
    }

    [Theory]
    [InlineData("单位:潍坊", "agency", "潍坊")]
    [InlineData("年份：2021..2023", "year", "2021..2023")]
    [InlineData("委员:王建国", "delegate", "王建国")]
    [InlineData("type:b", "handlingType", "b")]
    [InlineData("章节:人才", "section", "人才")]
    [InlineData("KIND:提案", "kind", "提案")]
    public void The_query_language_reads_a_filter_by_any_of_its_names(string text, string field, string value)
    {
        var parsed = QueryLanguage.Parse("科技 " + text);
        Assert.Equal(value, parsed.Filters[FieldTable.ByName(field)!]);
        Assert.Single(parsed.Groups);
    }

    [Theory]
    [InlineData("year", "20x3", "year")]
    [InlineData("sort", "oldest", "sort")]
    [InlineData("page", "abc", "page")]
    [InlineData("size", "1000", "size")]
    public void The_request_parser_names_the_bad_parameter(string parameter, string value, string named)
    {
        var request = SearchRequestParser.Parse(p => p == parameter ? value : null, paged: true, out var errors);
        Assert.Null(request);
        Assert.Equal([named], errors.Select(e => e.Parameter));
    }

    [Fact]
    public void The_request_parser_reads_every_filter_of_the_table()
    {
        var raw = FieldTable.Filters.ToDictionary(f => f.Name, f => f.Filter == FilterMatch.YearRange ? "2020..2022" : "值" + f.Name);
        var request = SearchRequestParser.Parse(p => raw.GetValueOrDefault(p), paged: false, out var errors)!;
        Assert.Empty(errors);
        Assert.Equal(raw, request.Filters.ToDictionary(f => f.Key.Name, f => f.Value));
    }

    /// <summary>The export's columns are read by position by people's scripts: they keep their places.</summary>
    [Fact]
    public void Csv_columns_keep_their_places()
    {
        Assert.Equal(
            "id,source,title,agency,year,date,delegates,proposalNumber,docNumber,kind,handlingType,score,section,snippet,"
            + "handlingRole,contentCategory,disclosure,indexNumber,submittedDate,match",
            string.Join(',', CsvExport.Header));
    }

    [Fact]
    public void Every_gram_field_of_the_table_is_analysed_as_grams()
    {
        var analyzer = Core.Analysis.Analyzers.LoadDefault().ForIndex();
        foreach (var field in FieldTable.All.Where(f => f.GramsField is not null))
        {
            using var ts = analyzer.GetTokenStream(field.GramsField, "科技局");
            var term = ts.AddAttribute<Lucene.Net.Analysis.TokenAttributes.ICharTermAttribute>();
            ts.Reset();
            var terms = new List<string>();
            while (ts.IncrementToken()) terms.Add(term.ToString());
            ts.End();
            Assert.Contains("科技", terms);
            Assert.Contains("技局", terms);
        }
    }
}
