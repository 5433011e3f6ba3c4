using Bunit;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using LingHuo.Console.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using P = LingHuo.Protos.V1;

namespace LingHuo.Console.Tests;

/// <summary>The console's own logic without a browser: what a component renders, how the form becomes a request, how refusals read.</summary>
public sealed class ComponentTests : IDisposable
{
    private readonly BunitContext _context = new();

    public ComponentTests()
    {
        _context.Services.AddMudServices();
        _context.JSInterop.Mode = JSRuntimeMode.Loose;
    }

    public void Dispose() => _context.Dispose();

    [Fact]
    public void AnApplicationList_ShowsTheMaskedApplicant_TheDeadlineAsTheEndOfItsDay_AndMarksABreach()
    {
        var breached = new P.ApplicationSummary
        {
            Number = "530102-20261202-000001", Status = P.ApplicationStatus.Accepted, CountyCode = "530102", ApplicantMaskedId = "5301**********217X",
            CommittedDeadline = Timestamp.FromDateTimeOffset(new DateTimeOffset(2026, 12, 5, 0, 0, 0, TimeSpan.FromHours(8))), SlaState = P.SlaState.Breached,
        };

        var list = _context.Render<ApplicationList>(p => p.Add(l => l.Title, "超期").Add(l => l.Items, [breached]));

        Assert.Contains("5301**********217X", list.Markup, StringComparison.Ordinal);
        Assert.Contains("2026-12-04 24:00", list.Markup, StringComparison.Ordinal);
        Assert.Equal("超期", list.Find("span.due-soon").TextContent);
        Assert.Empty(list.FindAll("a[href^='/applications/']")); // supervisors read; only clerks get links to work it

        var forClerks = _context.Render<ApplicationList>(p => p.Add(l => l.Title, "超期").Add(l => l.Items, [breached]).Add(l => l.Linked, true));
        Assert.Equal("/applications/530102-20261202-000001", forClerks.Find("a[href^='/applications/']").GetAttribute("href"));
    }

    [Fact]
    public void AnEmptyList_SaysSo()
    {
        var list = _context.Render<ApplicationList>(p => p.Add(l => l.Title, "临期").Add(l => l.Items, []).Add(l => l.Empty, "没有临期的申请。"));

        Assert.Contains("没有临期的申请。", list.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void TheWindowForm_MakesAWindowApplicationOfTheClerksCounty_WithOnlyTheMaterialsGiven()
    {
        var form = new IntakeForm { Name = " 王五 ", Identity = "53010219900101123x", Base = "5000", Pledged = true };
        var photo = form.Materials.Single(m => m.Material == P.Material.IdPhoto);
        photo.Source = P.MaterialSource.Unspecified;
        var licence = form.Materials.Single(m => m.Material == P.Material.BusinessLicence);
        (licence.Source, licence.Reference) = (P.MaterialSource.DataSharing, " 5301-license-1 ");

        var details = form.Details("530111", "2026-01");

        Assert.Equal((P.Channel.Window, "530111", "王五", "53010219900101123X"), (details.Channel, details.CountyCode, details.ApplicantName, details.IdentityNumber));
        Assert.Equal(9, details.Matters.Count);
        Assert.Equal(
            [P.Material.ApplicationForm, P.Material.IdentityDocument, P.Material.InsuranceProof, P.Material.BusinessLicence],
            details.Materials.Select(m => m.Material));
        Assert.Equal("5301-license-1", details.Materials[3].Reference);
        Assert.Equal("materials[3]", form.FieldOf(licence)); // as the pre-check names it: the photo is not in the request
        Assert.Null(form.FieldOf(photo));
        Assert.True(details.Pledge.Agreed);
        Assert.NotNull(details.Delivery.PickUp);
    }

    [Fact]
    public void Refusals_ReadInChinese_OneLinePerViolation()
    {
        var status = new Google.Rpc.Status
        {
            Code = (int)Google.Rpc.Code.InvalidArgument,
            Message = "Two problems / 两个问题",
            Details =
            {
                Any.Pack(new Google.Rpc.BadRequest
                {
                    FieldViolations =
                    {
                        new Google.Rpc.BadRequest.Types.FieldViolation { Field = "details.applicant_name", Description = "REFUSAL_CODE_REQUIRED: The applicant name is required. / 缺少申请人姓名。" },
                        new Google.Rpc.BadRequest.Types.FieldViolation { Field = "details.pledge", Description = "REFUSAL_CODE_REQUIRED: The pledge is required. / 缺少申请人承诺。" },
                    },
                }),
            },
        };

        Assert.Equal(["缺少申请人姓名。", "缺少申请人承诺。"], Problems.Of(status.ToRpcException()));
        Assert.Equal(["调用过于频繁，请稍后再试"], Problems.Of(new RpcException(new Grpc.Core.Status(StatusCode.ResourceExhausted, "Too many calls: slow down / 调用过于频繁，请稍后再试"))));
    }
}
