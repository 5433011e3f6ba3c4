using LingHuo.Domain.Cases;

namespace LingHuo.Persistence.EventLog;

/// <summary>One item of a department feed: its gap-free sequence in the feed, and the logged event it carries.</summary>
public sealed record FeedItem(long Sequence, ApplicationNumber Number, CaseEvent Event);
