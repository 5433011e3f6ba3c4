namespace LingHuo.Domain.Calendar;

/// <summary>A count of working days; provisional when it relied on a year with no loaded schedule.</summary>
public readonly record struct WorkingDayCount(int Count, bool IsProvisional);
