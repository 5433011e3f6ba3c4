using LingHuo.Domain.Cases;
using LingHuo.Domain.Catalog;
using LingHuo.Domain.Divisions;
using LingHuo.Persistence.Audit;
using LingHuo.Persistence.EventLog;
using LingHuo.Persistence.Notifications;
using LingHuo.Persistence.Search;

namespace LingHuo.Persistence;

/// <summary>
/// What stands in for the event log, the search model, the access audit and the messages when everything runs in memory: each says
/// which feature needs PostgreSQL. Without an audit nothing protected is disclosed.
/// </summary>
public sealed class UnavailableInMemoryMode : ICaseLog, IDepartmentFeeds, IApplicationSearch, IAccessAudit, INotificationOutbox
{
    public Task<IReadOnlyList<CaseEvent>> ReadAsync(ApplicationNumber number, long afterSequence, int limit, CancellationToken cancellationToken) =>
        throw Unavailable("Watching needs PostgreSQL storage / 订阅变更需要 PostgreSQL 存储");

    public Task<long> OpenAsync(Department department, DivisionCode jurisdiction, CancellationToken cancellationToken) =>
        throw Unavailable("Work feeds need PostgreSQL storage / 工作订阅需要 PostgreSQL 存储");

    public Task<long> AdvanceAsync(long feedId, CancellationToken cancellationToken) =>
        throw Unavailable("Work feeds need PostgreSQL storage / 工作订阅需要 PostgreSQL 存储");

    public Task<IReadOnlyList<FeedItem>> ReadAsync(long feedId, long afterSequence, int limit, CancellationToken cancellationToken) =>
        throw Unavailable("Work feeds need PostgreSQL storage / 工作订阅需要 PostgreSQL 存储");

    public Task<(IReadOnlyList<SearchRow> Rows, string? NextPageToken)> SearchAsync(SearchFilter filter, DateTimeOffset now, CancellationToken cancellationToken) =>
        throw Unavailable("Search needs PostgreSQL storage / 查询需要 PostgreSQL 存储");

    public Task<IReadOnlyList<SlaCount>> OverviewAsync(string? countyPrefix, DateTimeOffset now, CancellationToken cancellationToken) =>
        throw Unavailable("Search needs PostgreSQL storage / 查询需要 PostgreSQL 存储");

    public Task<IReadOnlyDictionary<SlaState, long>> OpenBySlaAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        throw Unavailable("Search needs PostgreSQL storage / 查询需要 PostgreSQL 存储");

    public Task<IReadOnlyList<QueueRow>> ReviewQueueAsync(string countyCode, int limit, CancellationToken cancellationToken) =>
        throw Unavailable("The review queue needs PostgreSQL storage / 预审队列需要 PostgreSQL 存储");

    public Task<IReadOnlyList<(string CountyCode, long Open, long Overdue)>> RectificationCountsAsync(string countyPrefix, DateOnly today, CancellationToken cancellationToken) =>
        throw Unavailable("Rectification tickets need PostgreSQL storage / 整改工单需要 PostgreSQL 存储");

    public Task<IReadOnlyList<RectificationRow>> RectificationsAsync(string countyPrefix, int limit, CancellationToken cancellationToken) =>
        throw Unavailable("Rectification tickets need PostgreSQL storage / 整改工单需要 PostgreSQL 存储");

    public Task RecordAsync(string subject, string issuer, string role, ApplicationNumber applicationNumber, string action, string purpose, CancellationToken cancellationToken) =>
        throw Unavailable("Protected personal data needs the access audit, which needs PostgreSQL storage / 受保护个人信息的查阅须记入审计，需要 PostgreSQL 存储");

    public Task<IReadOnlyList<AccessRecord>> ListAsync(ApplicationNumber? applicationNumber, string? subject, long? beforeId, int limit, CancellationToken cancellationToken) =>
        throw Unavailable("The access audit needs PostgreSQL storage / 访问审计需要 PostgreSQL 存储");

    public Task<IReadOnlyList<InboxMessage>> InboxAsync(string applicationNumber, CancellationToken cancellationToken) =>
        throw Unavailable("Messages need PostgreSQL storage / 消息需要 PostgreSQL 存储");

    public Task<IReadOnlyList<FailedMessage>> FailedAsync(int limit, CancellationToken cancellationToken) =>
        throw Unavailable("Messages need PostgreSQL storage / 消息需要 PostgreSQL 存储");

    public Task<RetryOutcome> RetryAsync(string applicationNumber, long sequence, CancellationToken cancellationToken) =>
        throw Unavailable("Messages need PostgreSQL storage / 消息需要 PostgreSQL 存储");

    private static StorageUnavailableException Unavailable(string message) => new(message);
}
