using LingHuo.Domain.Cases;

namespace LingHuo.Grains.Abstractions;

/// <summary>The one place that turns a case's identifiers into grain keys.</summary>
public static class GrainRouting
{
    public static IApplicationGrain Application(this IGrainFactory grains, ApplicationNumber number)
    {
        ArgumentNullException.ThrowIfNull(grains);
        return grains.GetGrain<IApplicationGrain>(number.Value);
    }

    /// <summary>The applicant whose key is <paramref name="applicantKey"/> (see <see cref="Domain.Identity.ApplicantKeys"/>).</summary>
    public static IApplicantGrain Applicant(this IGrainFactory grains, string applicantKey)
    {
        ArgumentNullException.ThrowIfNull(grains);
        return grains.GetGrain<IApplicantGrain>(applicantKey);
    }
}
