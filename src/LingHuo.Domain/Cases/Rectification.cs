using LingHuo.Domain.Calendar;

namespace LingHuo.Domain.Cases;

/// <summary>
/// 整改: the ticket a bad review opens for the county office, due after the rectification period; closed by the office's
/// response. <see cref="OverdueAlerted"/> once its due time passed unanswered (alerted once).
/// </summary>
public sealed record Rectification(DateTimeOffset OpenedAt, Deadline Due, string? Response = null, DateTimeOffset? RespondedAt = null, bool OverdueAlerted = false)
{
    public bool IsOpen => RespondedAt is null;
}
