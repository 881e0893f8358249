using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Cn.Smart;
using Lucene.Net.Analysis.TokenAttributes;
using ReplySearch.Cli.Generation;
using ReplySearch.Core.Analysis;
using ReplySearch.Core.Engine;
using ReplySearch.Core.Indexing;
using ReplySearch.Tests.Support;

namespace ReplySearch.Tests;

/// <summary>
/// Our SmartCn segmenter must choose SmartCn's words, tie for tie: SmartCn's own HMMChineseTokenizer is the
/// oracle for every term, offset and type, over awkward strings, the whole corpus and a generated archive.
/// </summary>
public class SmartCnTokenizerTests
{
    private static List<string> Tokens(Tokenizer tokenizer, string text)
    {
        var result = new List<string>();
        tokenizer.SetReader(new StringReader(text));
        var term = tokenizer.GetAttribute<ICharTermAttribute>();
        var offset = tokenizer.GetAttribute<IOffsetAttribute>();
        var type = tokenizer.GetAttribute<ITypeAttribute>();
        tokenizer.Reset();
        while (tokenizer.IncrementToken()) result.Add($"{term}/{offset.StartOffset}-{offset.EndOffset}/{type.Type}");
        tokenizer.End();
        tokenizer.Dispose();
        return result;
    }

    /// <summary>Compares every text and returns how many tokens were compared.</summary>
    private static int AssertSameAsSmartCn(IEnumerable<(string Name, string Text)> texts)
    {
        var oracle = new HMMChineseTokenizer(new StringReader(""));
        var ours = new SmartCnTokenizer(new StringReader(""));
        var compared = 0;
        foreach (var (name, text) in texts)
        {
            var expected = Tokens(oracle, text);
            var actual = Tokens(ours, text);
            if (!expected.SequenceEqual(actual))
            {
                var at = expected.Zip(actual).TakeWhile(p => p.First == p.Second).Count();
                Assert.Fail($"{name}: token {at} differs: SmartCn {string.Join(" ", expected.Skip(at).Take(5))} | ours {string.Join(" ", actual.Skip(at).Take(5))}");
            }
            compared += expected.Count;
        }
        return compared;
    }

    [Theory]
    [InlineData("关于加快推进科技创新驱动高质量发展的建议")]
    [InlineData("科 技\u3000创新，产学研\t合作\r\n龙湖软件园")] // spaces inside words are skipped by SmartCn
    [InlineData("ＡＢＣ１２３全角Ｈｅｌｌｏ世界ｘ９")]
    [InlineData("abc DEF 123 4.5% 2023年7月24日 0539-7570021")]
    [InlineData("①②③ ㈠ 〔2023〕4号 《建议》“双创”——！？")]
    [InlineData("😀科技𠀀创新 é ß ÆØ")] // surrogates and letters SmartCn calls "other"
    [InlineData("科學技術 產學研 發展")] // traditional characters largely absent from the dictionary
    [InlineData("")]
    [InlineData("。。。，，")]
    [InlineData("１2３４5")]
    public void Segments_awkward_strings_exactly_as_SmartCn(string text) =>
        AssertSameAsSmartCn([(text, text)]);

    [Fact]
    public void Segments_a_long_sentence_without_punctuation_exactly_as_SmartCn() =>
        Assert.InRange(AssertSameAsSmartCn([("long", string.Concat(Enumerable.Repeat("市科技局高度重视产学研合作工作积极推动创新平台建设", 60)))]), 600, 2000);

    [Fact]
    public void Segments_every_corpus_reply_exactly_as_SmartCn() =>
        Assert.InRange(AssertSameAsSmartCn(Directory.GetFiles(Repo.Corpus).Where(f => !f.EndsWith("README.md"))
            .Select(f => ReplyReader.Read(f, Path.GetFileName(f)))
            .Where(r => r.Ok)
            .Select(r => (r.Document!.Source, r.Document.Text))), 20_000, int.MaxValue);

    [Fact]
    public void Segments_a_generated_archive_exactly_as_SmartCn()
    {
        using var dir = new TempDir();
        new ArchiveGenerator(Repo.Corpus).Generate(150, 11, dir.Path);
        Assert.InRange(AssertSameAsSmartCn(Directory.GetFiles(dir.Path, "*", SearchOption.AllDirectories).Select(f => (f, File.ReadAllText(f)))), 100_000, int.MaxValue);
    }
}
