namespace LingHuo.Domain.Cases;

/// <summary>The four alerts an accepted application can raise, each at most once. Values are stable.</summary>
public enum SlaAlert
{
    CommittedDueSoon = 1,
    CommittedBreached = 2,
    StatutoryDueSoon = 3,
    StatutoryBreached = 4,
}
