namespace ReplySearch.Core.Model;

/// <summary>
/// A forward-looking commitment a reply makes (承诺事项): one sentence of its text in which the replying side
/// says what it will do (下一步…将…, 计划于…前, 力争…, 年底前完成…), with the deadline it states, if any.
/// [Start, Start+Length) is the sentence in <see cref="ReplyDocument.Text"/>.
/// </summary>
public sealed record Commitment
{
    /// <summary>The section's label as a snippet shows it: its heading, or 开头/结尾.</summary>
    public string Section { get; init; } = "";

    /// <summary>The sentence as written.</summary>
    public string Text { get; init; } = "";

    public int Start { get; init; }

    public int Length { get; init; }

    /// <summary>The last day of the stated deadline, yyyy-MM-dd: 年底前 in a 2023 reply is 2023-12-31.</summary>
    public string? Due { get; init; }

    /// <summary>The deadline as written (2024年6月底前, 年内, 明年上半年).</summary>
    public string? DueText { get; init; }
}
