namespace LingHuo.Domain.Calendar;

/// <summary>A date reached by working-day arithmetic; provisional when it relied on a year with no loaded schedule.</summary>
public readonly record struct WorkingDate(DateOnly Date, bool IsProvisional);
