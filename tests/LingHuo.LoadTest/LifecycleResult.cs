using System.Globalization;

namespace LingHuo.LoadTest;

/// <summary>What a lifecycle run did: submissions, closures, the commands acknowledged, and latencies per step.</summary>
public sealed record LifecycleResult(
    long Submitted, long Closed, long Commands, TimeSpan Wall, Latencies Submit, Latencies Claim, Latencies Complete, Latencies ToClosure)
{
    public string Lines() => string.Join(Environment.NewLine,
        string.Create(CultureInfo.InvariantCulture,
            $"lifecycle: {Submitted / Wall.TotalSeconds:F1} applications/s, {Closed / Wall.TotalSeconds:F1} closed/s, {Commands / Wall.TotalSeconds:F0} durable transitions/s ({Closed}/{Submitted} closed)"),
        Submit.Line("  submit", Wall), Claim.Line("  claim", Wall), Complete.Line("  complete", Wall), ToClosure.Line("  submission to closure", Wall));

    public Dictionary<string, object> Figures()
    {
        var figures = new Dictionary<string, object>
        {
            ["lifecycle_applications_per_s"] = Math.Round(Submitted / Wall.TotalSeconds, 1),
            ["lifecycle_cases_per_s"] = Math.Round(Closed / Wall.TotalSeconds, 1),
            ["transitions_per_s"] = Math.Round(Commands / Wall.TotalSeconds, 1),
        };
        foreach (var (name, latencies) in new[] { ("lifecycle_submit", Submit), ("lifecycle_claim", Claim), ("lifecycle_complete", Complete), ("lifecycle_closure", ToClosure) })
        {
            foreach (var (key, value) in latencies.Summary(name, Wall))
            {
                figures[key] = value;
            }
        }

        return figures;
    }
}
