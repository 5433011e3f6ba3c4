using LingHuo.Contracts;

namespace LingHuo.Gateway.Security;

/// <summary>Bound from <c>LingHuo:Limits</c>: what one caller may ask of the gateway.</summary>
public sealed class LimitSettings
{
    public const string Section = "LingHuo:Limits";

    /// <summary>Sustained calls per second per caller, by role (a token bucket of twice this size allows bursts).</summary>
    public Dictionary<CallerRole, int> CallsPerSecond { get; set; } = new()
    {
        [CallerRole.Applicant] = 10,
        [CallerRole.Clerk] = 100,
        [CallerRole.Department] = 1_000,
        [CallerRole.Operator] = 50,
    };

    /// <summary>Sustained calls per second per client address for the services without a token (the progress lookup).</summary>
    public int PublicCallsPerSecond { get; set; } = 2;

    /// <summary>Open server streams (watches, feeds) per caller.</summary>
    public int StreamsPerCaller { get; set; } = 4;
}
