namespace LingHuo.Grains.Abstractions;

public static class ReminderNames
{
    /// <summary>The application's one reminder: whatever timed transition comes next (SLA alert, supplement expiry).</summary>
    public const string Deadlines = "deadlines";
}
