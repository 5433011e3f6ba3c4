namespace LingHuo.Domain.Calendar;

/// <summary>
/// The end (24:00 Beijing time) of working day N after an acceptance day. <see cref="DueSoonFrom"/> is the start of
/// that final working day.
/// </summary>
public readonly record struct Deadline(DateOnly Day, bool IsProvisional)
{
    public DateTimeOffset At => BeijingTime.EndOf(Day);

    public DateTimeOffset DueSoonFrom => BeijingTime.StartOf(Day);
}
