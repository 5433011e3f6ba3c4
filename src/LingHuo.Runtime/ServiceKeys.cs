namespace LingHuo.Runtime;

public static class ServiceKeys
{
    /// <summary>The keyed <see cref="TimeProvider"/> that business time is read from (a fake one in tests).</summary>
    public const string BusinessClock = "linghuo-business-clock";
}
