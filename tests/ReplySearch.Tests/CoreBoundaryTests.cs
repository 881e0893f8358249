using ReplySearch.Core.Indexing;
using ReplySearch.Core.Parsing;
using ReplySearch.Tests.Support;

namespace ReplySearch.Tests;

/// <summary>What Core tells its front ends in types rather than in Lucene's exceptions or in wording.</summary>
public class CoreBoundaryTests
{
    [Theory]
    [InlineData("missing-folder")]
    [InlineData("empty-folder")]
    public void Opening_no_index_throws_replysearchs_own_exception_naming_the_path(string what)
    {
        using var dir = new TempDir();
        var path = dir.Combine("index");
        if (what == "empty-folder") Directory.CreateDirectory(path);
        var e = Assert.Throws<NoIndexException>(() => ReplyIndex.OpenForSearch(path));
        Assert.Equal(path, e.Path);
        Assert.Throws<NoIndexException>(() => IndexBackup.Copy(path, dir.Combine("backup")));
    }

    /// <summary>Each field the parser cannot find is named in MissingFields; a complete reply names none.</summary>
    [Theory]
    [InlineData("关于产学研合作的答复\n王建国代表：\n您提出的建议收悉。现答复如下：略。\n临沂市科学技术局\n2023年7月24日", "docNumber,proposalNumber")]
    [InlineData("您好。", "agency,date,year,title,delegates,docNumber,proposalNumber")]
    public void The_parser_names_the_fields_it_could_not_find(string text, string missing)
    {
        var doc = ReplyParser.Parse(text.Replace("\\n", "\n"), "a.txt");
        Assert.Equal(missing.Split(','), doc.MissingFields);
        Assert.Equal(doc.MissingFields.Count, doc.Warnings.Count(w => w.StartsWith("missing field", StringComparison.Ordinal)));
    }
}
