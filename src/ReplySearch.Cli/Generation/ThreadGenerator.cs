using System.Text;
using System.Text.Json;

namespace ReplySearch.Cli.Generation;

/// <summary>Which generated replies belong together: the ground truth of a threads archive (threads.json).</summary>
/// <param name="Proposals">The replies to one proposal: a 主办 reply and its 协办 opinions.</param>
/// <param name="Delegates">One delegate's replies over several years, by name.</param>
/// <param name="Topics">One topic's replies over several years, each in its own wording and to another delegate.</param>
/// <param name="Reused">Paragraphs reused across replies, each copy as written in its reply.</param>
public sealed record ThreadTruth(
    IReadOnlyList<IReadOnlyList<string>> Proposals,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Delegates,
    IReadOnlyList<IReadOnlyList<string>> Topics,
    IReadOnlyList<ReusedParagraph> Reused)
{
    public const string FileName = "threads.json";
}

/// <summary>One paragraph reused in several replies: each reply's file and its copy; boilerplate or substantive.</summary>
public sealed record ReusedParagraph(bool Boilerplate, IReadOnlyDictionary<string, string> Copies);

/// <summary>
/// A generated archive whose links are known (issue #18): proposal threads (a 主办 reply and one or two 协办
/// opinions on the same proposal), delegates with proposals in three years, topics answered in five years in
/// varied wording, and ordinary generated replies around them as noise. Names of the threads' delegates come
/// from surnames the noise never uses, and their proposal numbers from a range it never uses, so the truth
/// is exact. Deterministic for a seed.
/// </summary>
public sealed class ThreadGenerator(ArchiveGenerator replies)
{
    private static readonly string[] ThreadSurnames = ["欧阳", "司马", "上官", "诸葛", "慕容", "东方", "皇甫", "尉迟", "公孙", "长孙"];
    private static readonly string[] ThreadGiven = ["明远", "思齐", "若水", "怀瑾", "景行", "致远", "清和", "南星", "书言", "知秋", "望舒", "云起", "听澜", "临川", "观海", "牧之"];

    /// <summary>Each topic's own words: what makes its replies recognisable across years and wordings.</summary>
    private static readonly string[][] TopicWords =
    [
        ["智慧停车", "停车泊位", "错时共享停车", "停车诱导系统"],
        ["充电桩", "充电基础设施", "公共充电站", "新能源汽车"],
        ["既有住宅加装电梯", "加装电梯补贴", "老旧小区电梯", "加装电梯审批"],
        ["校园食品安全", "学校食堂", "明厨亮灶", "校外供餐"],
        ["农村饮水安全", "农村供水管网", "水质检测", "城乡供水一体化"],
        ["古树名木", "古树复壮", "古树保护档案", "古树挂牌保护"],
        ["生活垃圾分类", "分类投放", "厨余垃圾", "再生资源回收"],
        ["婴幼儿照护", "托育机构", "普惠托育", "托育服务补贴"],
        ["居家养老", "养老服务中心", "老年助餐", "适老化改造"],
        ["非物质文化遗产", "非遗传承人", "非遗工坊", "传统技艺"],
        ["快递末端网点", "智能快件箱", "快递进村", "快递包装回收"],
        ["体育公园", "全民健身", "健身步道", "社区健身设施"],
        ["夜间经济", "夜市街区", "夜间消费", "特色商业街区"],
        ["中医药传承", "基层中医馆", "名老中医", "中药材种植"],
        ["无障碍设施", "盲道", "无障碍环境建设", "残疾人出行"],
    ];

    private static readonly string[] TopicTemplates =
    [
        "近年来，我市持续推进{0}工作，{1}数量逐年增加。",
        "下一步，我们将加大{1}投入，推动{0}提质增效。",
        "针对您提出的{2}问题，我们已会同相关部门开展专题调研。",
        "目前全市已建成{3}{n}处，覆盖主要城区。",
        "我们将把{0}纳入年度重点工作，完善{2}相关政策。",
        "为解决{3}不足的问题，计划新增{1}{n}个。",
        "{2}涉及多个部门，我们将建立联席会议机制统筹推进。",
        "同时加强{0}宣传引导，提高群众对{3}的知晓率。",
    ];

    /// <summary>Stock formulas of reply letters that are not thanks: boilerplate because so many replies use them.</summary>
    private static readonly string[] Formulas =
    [
        "我们将认真研究吸收您的意见建议，在今后工作中进一步改进完善，切实把好事办好、实事办实。",
        "今后，我们将继续加强与代表委员的沟通联系，主动接受监督，不断提高建议提案办理质量和水平。",
    ];

    private static readonly string[] Projects = ["城东污水处理厂扩建", "滨河公园提升改造", "中心医院新院区", "职业教育园区", "冷链物流园", "智慧城市运营中心", "全民健身中心", "农产品批发市场搬迁", "老城区供热管网改造", "高新区人才公寓"];

    public const int Proposals = 30;
    public const int DelegateCount = 20;
    public const int YearsPerDelegate = 3;
    public const int YearsPerTopic = 5;

    /// <summary>Writes the archive and its threads.json into dir; returns the number of replies written.</summary>
    public int Generate(int seed, string dir, int noise)
    {
        Directory.CreateDirectory(dir);
        var rng = new Random(seed);
        var written = 0;
        void Write(string name, string text)
        {
            File.WriteAllText(Path.Combine(dir, name), text, new UTF8Encoding(false));
            written++;
        }
        var names = ThreadSurnames.SelectMany(s => ThreadGiven.Select(g => s + g)).OrderBy(_ => rng.Next()).ToList();
        var nextName = 0;
        var nextNumber = 700; // the noise's numbers are 1–599

        var proposals = new List<IReadOnlyList<string>>();
        for (var p = 0; p < Proposals; p++)
        {
            var city = Pick(rng, ArchiveGenerator.CityNames) + "市";
            var departments = ArchiveGenerator.DepartmentNames.OrderBy(_ => rng.Next()).Take(3).ToList();
            var year = 2016 + rng.Next(10);
            var cppcc = rng.Next(3) == 0;
            var session = ArchiveGenerator.SessionOf(year, cppcc);
            var number = nextNumber++;
            var kind = cppcc ? "提案" : "建议";
            var who = names[nextName++];
            var salutation = cppcc ? $"{who}委员：" : $"{who}代表：";
            var subject = $"关于{Pick(rng, TopicWords)[0]}工作的{kind}";
            var lead = city + departments[0];
            var helpers = departments.Skip(1).Take(1 + rng.Next(2)).Select(d => city + d).ToList();
            var date = new DateOnly(year, 6 + rng.Next(3), 1 + rng.Next(28));
            var files = new List<string>();
            var leadFile = $"p{p:D3}-lead.txt";
            Write(leadFile, replies.Letter(rng, $"对{session}第{number}号{kind}的答复", salutation,
                $"您提出的《{subject}》收悉。该{kind}由我局主办，{string.Join("、", helpers)}协办。经认真研究并与协办单位会商，现答复如下：", [], lead, date));
            files.Add(leadFile);
            for (var h = 0; h < helpers.Count; h++)
            {
                var file = $"p{p:D3}-co{h + 1}.txt";
                Write(file, replies.Letter(rng, $"对{session}第{number}号{kind}的协办意见", $"{lead}：",
                    $"经研究，现对{who}{(cppcc ? "委员" : "代表")}提出的《{subject}》提出如下协办意见，供你单位统一答复时参考：", [], helpers[h], date.AddDays(-10 - h)));
                files.Add(file);
            }
            proposals.Add(files);
        }

        var delegates = new Dictionary<string, IReadOnlyList<string>>();
        for (var d = 0; d < DelegateCount; d++)
        {
            var who = names[nextName++];
            var files = new List<string>();
            foreach (var year in Enumerable.Range(2016, 10).OrderBy(_ => rng.Next()).Take(YearsPerDelegate).Order())
            {
                var city = Pick(rng, ArchiveGenerator.CityNames) + "市";
                var number = nextNumber++;
                var file = $"d{d:D2}-{year}.txt";
                Write(file, replies.Letter(rng, $"对{ArchiveGenerator.SessionOf(year, false)}第{number}号建议的答复", $"{who}代表：",
                    $"您提出的《关于{Pick(rng, TopicWords)[1]}的建议》收悉。现答复如下：", [], city + Pick(rng, ArchiveGenerator.DepartmentNames), new DateOnly(year, 7, 1 + rng.Next(28))));
                files.Add(file);
            }
            delegates[who] = files;
        }

        var topics = new List<IReadOnlyList<string>>();
        for (var t = 0; t < TopicWords.Length; t++)
        {
            var words = TopicWords[t];
            var files = new List<string>();
            foreach (var year in Enumerable.Range(2016, 10).OrderBy(_ => rng.Next()).Take(YearsPerTopic).Order())
            {
                // Each year in its own wording: six of the topic's sentence patterns, its words in another order.
                // A reply on a topic is mostly about it: these are about half of its sentences.
                var order = words.OrderBy(_ => rng.Next()).ToArray();
                var sentences = TopicTemplates.OrderBy(_ => rng.Next()).Take(6)
                    .Select(x => x.Replace("{0}", order[0]).Replace("{1}", order[1]).Replace("{2}", order[2]).Replace("{3}", order[3]).Replace("{n}", (5 + rng.Next(200)).ToString()))
                    .ToList();
                var city = Pick(rng, ArchiveGenerator.CityNames) + "市";
                var file = $"t{t:D2}-{year}.txt";
                Write(file, replies.Letter(rng, $"对{ArchiveGenerator.SessionOf(year, false)}第{nextNumber++}号建议的答复", $"{names[nextName++]}代表：",
                    $"您提出的《关于加强{order[0]}的建议》收悉。现答复如下：", sentences, city + Pick(rng, ArchiveGenerator.DepartmentNames), new DateOnly(year, 6, 1 + rng.Next(28))));
                files.Add(file);
            }
            topics.Add(files);
        }

        // Reused paragraphs: substantive ones (a project's status, copied with its figures updated) in three
        // replies each, and stock formulas in twelve each.
        var reused = new List<ReusedParagraph>();
        var letters = 0;
        string Letter(IReadOnlyList<string> paragraphs)
        {
            var year = 2016 + rng.Next(10);
            var city = Pick(rng, ArchiveGenerator.CityNames) + "市";
            var file = $"r{letters++:D3}.txt";
            Write(file, replies.Letter(rng, $"对{ArchiveGenerator.SessionOf(year, false)}第{nextNumber++}号建议的答复", $"{names[nextName++ % names.Count]}代表：",
                $"您提出的《关于{Pick(rng, TopicWords)[2]}的建议》收悉。现答复如下：", [], city + Pick(rng, ArchiveGenerator.DepartmentNames), new DateOnly(year, 6, 1 + rng.Next(28)), paragraphs));
            return file;
        }
        foreach (var project in Projects)
        {
            // A paragraph of its own: the project and three of the corpus's sentences, copied with its figures updated.
            var sentences = Enumerable.Range(0, 3).Select(_ => replies.Sentence(rng)).ToList();
            var copies = new Dictionary<string, string>();
            for (var c = 0; c < 3; c++)
            {
                var text = $"{project}项目计划总投资{1 + rng.Next(30)}亿元，预计{2 + rng.Next(3)}年内建成投用。" + string.Concat(sentences);
                copies[Letter([text])] = text;
            }
            reused.Add(new ReusedParagraph(false, copies));
        }
        foreach (var formula in Formulas)
        {
            var copies = new Dictionary<string, string>();
            for (var c = 0; c < 12; c++) copies[Letter([formula])] = formula;
            reused.Add(new ReusedParagraph(true, copies));
        }

        // The noise: ordinary generated replies, in their own subfolders.
        if (noise > 0)
        {
            replies.Generate(noise, seed, Path.Combine(dir, "noise"));
            written += noise;
        }
        var truth = new ThreadTruth(proposals, delegates, topics, reused);
        File.WriteAllText(Path.Combine(dir, ThreadTruth.FileName), JsonSerializer.Serialize(truth, ReplySearch.Core.Model.Json.Indented));
        return written;
    }

    private static T Pick<T>(Random rng, IReadOnlyList<T> items) => items[rng.Next(items.Count)];
}
