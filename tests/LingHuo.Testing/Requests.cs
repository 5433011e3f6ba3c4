using Google.Protobuf;
using Grpc.Core;
using P = LingHuo.Protos.V1;

namespace LingHuo.Testing;

/// <summary>Valid requests for distinct people; tests change one thing at a time.</summary>
public static class Requests
{
    /// <summary>A 358×441 PNG header: enough for the photo check, which reads the format and size from the bytes.</summary>
    public static ByteString Photo(int width = 358, int height = 441)
    {
        var png = new byte[64];
        new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, (byte)'I', (byte)'H', (byte)'D', (byte)'R' }.CopyTo(png, 0);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(png.AsSpan(16), width);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(png.AsSpan(20), height);
        return ByteString.CopyFrom(png);
    }

    public static P.ApplicationDetails AllNine(string? identity = null) => new()
    {
        IdentityNumber = identity ?? Identities.Next(),
        Declaration = new P.ApplicantDeclaration { EmploymentForm = P.EmploymentForm.OtherFlexibleEmployment },
        Channel = P.Channel.Online,
        CountyCode = "530102",
        Matters =
        {
            P.Matter.PersonnelFile, P.Matter.SocialInsuranceRegistration, P.Matter.SocialSecurityCard, P.Matter.MedicalInsurance,
            P.Matter.PremiumDeclaration, P.Matter.RightsRecordQuery, P.Matter.ParticipationCertificate, P.Matter.EmploymentRegistration,
            P.Matter.EmploymentCertificate,
        },
        Materials =
        {
            new P.ProvidedMaterial { Material = P.Material.ApplicationForm, Source = P.MaterialSource.Upload, Reference = "form-1" },
            new P.ProvidedMaterial { Material = P.Material.IdentityDocument, Source = P.MaterialSource.DataSharing, Reference = "id-lookup" },
            new P.ProvidedMaterial { Material = P.Material.IdPhoto, Source = P.MaterialSource.Upload, Content = Photo() },
        },
        ContributionBase = "5000",
        PaymentCycle = P.PaymentCycle.Monthly,
        Delivery = new P.ResultDelivery { PickUp = new P.PickUp() },
        Pledge = new P.Pledge { Agreed = true, Version = "2026-01" },
        ApplicantName = "张三",
    };

    public static P.SubmitApplicationRequest Submit(P.ApplicationDetails? details = null) =>
        new() { RequestId = Guid.NewGuid().ToString("N"), Details = details ?? AllNine() };

    /// <summary>Every matter, in an order that respects the prerequisites.</summary>
    public static readonly P.Matter[] MatterOrder =
    [
        P.Matter.SocialInsuranceRegistration, P.Matter.MedicalInsurance, P.Matter.EmploymentRegistration, P.Matter.PersonnelFile,
        P.Matter.SocialSecurityCard, P.Matter.PremiumDeclaration, P.Matter.EmploymentCertificate, P.Matter.RightsRecordQuery,
        P.Matter.ParticipationCertificate,
    ];

    public static P.Department DepartmentOf(P.Matter matter) => matter switch
    {
        P.Matter.MedicalInsurance => P.Department.MedicalSecurity,
        P.Matter.PremiumDeclaration => P.Department.Tax,
        _ => P.Department.HumanResourcesSocialSecurity,
    };

    /// <summary>Each department claims and completes its matters of an application of all nine; returns the closed application.</summary>
    public static async Task<P.Application> CompleteAllAsync(P.DepartmentService.DepartmentServiceClient departments, string number)
    {
        P.Application application = null!;
        foreach (var matter in MatterOrder)
        {
            var department = DepartmentOf(matter);
            await departments.ClaimMatterAsync(new P.ClaimMatterRequest { RequestId = Id(), Number = number, Matter = matter, Department = department, Handler = "clerk" });
            application = (await departments.CompleteMatterAsync(new P.CompleteMatterRequest
            {
                RequestId = Id(), Number = number, Matter = matter, Department = department,
                Result = new P.MatterResult { Number = "R-" + (int)matter, Documents = { "doc://" + (int)matter } },
            })).Application;
        }

        return application;
    }

    public static string Id() => Guid.NewGuid().ToString("N");

    /// <summary>The refusal codes a failed call carries (BadRequest violations, PreconditionFailure, ErrorInfo).</summary>
    public static HashSet<string> Reasons(RpcException e)
    {
        var status = e.GetRpcStatus() ?? throw new InvalidOperationException($"No rich status: {e.Status}");
        var reasons = new HashSet<string>(StringComparer.Ordinal);
        foreach (var detail in status.Details)
        {
            if (detail.TryUnpack<Google.Rpc.BadRequest>(out var badRequest))
            {
                reasons.UnionWith(badRequest.FieldViolations.Select(v => v.Reason));
            }
            else if (detail.TryUnpack<Google.Rpc.PreconditionFailure>(out var failure))
            {
                reasons.UnionWith(failure.Violations.Select(v => v.Type));
            }
            else if (detail.TryUnpack<Google.Rpc.ErrorInfo>(out var info))
            {
                reasons.Add(info.Reason);
            }
        }

        return reasons;
    }
}
