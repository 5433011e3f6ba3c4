using LingHuo.Contracts;
using LingHuo.Domain;
using LingHuo.Domain.Cases;
using LingHuo.Domain.Catalog;
using LingHuo.Persistence.Audit;

namespace LingHuo.Gateway.Security;

/// <summary>
/// Disclosures of protected personal data, written to the access audit before the answer leaves. Anyone but the
/// applicant must say why; where there is no audit (everything in memory) nothing protected is disclosed.
/// </summary>
public sealed class Disclosures(IAccessAudit audit)
{
    /// <summary>What an applicant reading their own record is recorded as doing.</summary>
    public const string OwnRecord = "本人查询 / own record";

    /// <summary>Whether the application holds a rights record or a participation certificate (the protected results).</summary>
    public static bool HoldsProtectedResults(Application application)
    {
        ArgumentNullException.ThrowIfNull(application);
        return application.Matters.Any(m => m.Matter is Matter.RightsRecordQuery or Matter.ParticipationCertificate && m.Status == MatterStatus.Completed);
    }

    /// <summary>Records a disclosure before it happens.</summary>
    public async Task Record(Caller caller, ApplicationNumber number, string action, string? purpose, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        purpose = purpose?.Trim();
        if (string.IsNullOrEmpty(purpose))
        {
            purpose = caller.Role == CallerRole.Applicant
                ? OwnRecord
                : throw Errors.Refused(Refusals.Required("purpose", "查阅事由（该申请含受保护的个人信息）", "purpose (the application holds protected personal data)"));
        }

        Calls.Require(TextField.Purpose.Check(purpose, "purpose"));
        await audit.RecordAsync(caller.Subject, caller.Issuer, caller.Role.ToString(), number, action, purpose, cancellationToken);
    }
}
