using Grpc.Core;
using LingHuo.Testing;
using P = LingHuo.Protos.V1;

namespace LingHuo.Gateway.Tests;

/// <summary>
/// Every cell of the README's authorization matrix: each role (and no token at all) calls each RPC within its own
/// scope (its own application, county, department and jurisdiction) and gets exactly the status the matrix says.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class AuthorizationMatrixTests(GatewayFixture fixture)
{
    public enum Who
    {
        Anonymous,
        Applicant,
        Clerk,
        Department,
        Operator,
    }

    private const StatusCode Ok = StatusCode.OK;
    private const StatusCode Denied = StatusCode.PermissionDenied;
    private const StatusCode NoToken = StatusCode.Unauthenticated;

    /// <summary>RPC → (applicant, clerk, department, operator); no token is always UNAUTHENTICATED.</summary>
    private static readonly Dictionary<string, StatusCode[]> Matrix = new()
    {
        ["ApplicationService/PrecheckApplication"] = [Ok, Ok, Denied, Denied],
        ["ApplicationService/SubmitApplication"] = [Ok, Ok, Denied, Denied],
        ["ApplicationService/GetApplication"] = [Ok, Ok, Denied, Denied],
        ["ApplicationService/ListMyApplications"] = [Ok, Ok, Denied, Denied],
        // Allowed, and then refused by the state machine: no supplement was asked for.
        ["ApplicationService/SupplementMaterials"] = [StatusCode.FailedPrecondition, StatusCode.FailedPrecondition, Denied, Denied],
        ["ApplicationService/WithdrawApplication"] = [Ok, Ok, Denied, Denied],
        ["ApplicationService/WatchApplication"] = [Ok, Ok, Denied, Denied],
        ["ApplicationService/AcceptApplication"] = [Denied, Ok, Denied, Denied],
        ["ApplicationService/RefuseAcceptance"] = [Denied, Ok, Denied, Denied],
        ["ApplicationService/RequestSupplement"] = [Denied, Ok, Denied, Denied],
        // 人社 reads the photo: its social security card needs it.
        ["ApplicationService/GetMaterial"] = [Ok, Ok, Ok, Denied],
        // Allowed, and then refused by the state machine: nothing was completed yet, the applicant chose pick-up.
        ["ApplicationService/RecordDispatch"] = [Denied, StatusCode.FailedPrecondition, Denied, Denied],
        ["ApplicationService/RecordPickUp"] = [Denied, StatusCode.FailedPrecondition, Denied, Denied],
        // Allowed, and then refused: nothing was dispatched with that waybill.
        ["ApplicationService/ConfirmDelivery"] = [StatusCode.InvalidArgument, StatusCode.InvalidArgument, Denied, Denied],
        // Allowed, and then refused: the application is not closed, and no bad review opened a ticket.
        ["ApplicationService/RateService"] = [StatusCode.FailedPrecondition, Denied, Denied, Denied],
        ["ApplicationService/RespondToRating"] = [Denied, StatusCode.FailedPrecondition, Denied, Denied],
        ["ApplicationService/ListDocuments"] = [Ok, Ok, Denied, Denied],
        // Allowed, and then not found: no document has that number.
        ["ApplicationService/GetDocument"] = [StatusCode.NotFound, StatusCode.NotFound, Denied, Denied],
        // Allowed, and then not found: no document has that number.
        ["ApplicationService/RevokeDocument"] = [Denied, StatusCode.NotFound, Denied, Denied],
        ["ApplicationService/ListMyMessages"] = [Ok, Denied, Denied, Denied],
        ["DepartmentService/SubscribeWorkItems"] = [Denied, Denied, Ok, Denied],
        ["DepartmentService/ClaimMatter"] = [Denied, Denied, Ok, Denied],
        ["DepartmentService/CompleteMatter"] = [Denied, Denied, Ok, Denied],
        ["DepartmentService/RejectMatter"] = [Denied, Denied, Ok, Denied],
        ["DepartmentService/ReturnMatterForSupplement"] = [Denied, Denied, Ok, Denied],
        ["DepartmentService/RecordApplicantFacts"] = [Denied, Denied, Ok, Denied],
        ["QueryService/GetApplicationByNumber"] = [Denied, Ok, Ok, Ok],
        ["QueryService/SearchApplications"] = [Denied, Ok, Denied, Ok],
        ["QueryService/GetSlaOverview"] = [Denied, Ok, Denied, Ok],
        ["QueryService/ListAccessRecords"] = [Denied, Denied, Denied, Ok],
        ["QueryService/ListReviewQueue"] = [Denied, Ok, Denied, Denied],
        ["QueryService/ListRectifications"] = [Denied, Ok, Denied, Ok],
        ["QueryService/ListFailedNotifications"] = [Denied, Denied, Denied, Ok],
        // Allowed, and then not found: that event caused no message.
        ["QueryService/RetryNotification"] = [Denied, Denied, Denied, StatusCode.NotFound],
        ["CalendarService/CountWorkingDays"] = [Ok, Ok, Ok, Ok],
        ["CalendarService/AddWorkingDays"] = [Ok, Ok, Ok, Ok],
        ["CalendarService/GetDeadline"] = [Ok, Ok, Ok, Ok],
        ["CalendarService/ListLoadedYears"] = [Ok, Ok, Ok, Ok],
        // Allowed, and then refused: the schedule given is not valid (so nothing changes for the other tests).
        ["CalendarService/LoadHolidaySchedule"] = [Denied, Denied, Denied, StatusCode.InvalidArgument],
        // No token needed (and none looked at): the number and the applicant's name are the key.
        ["PublicService/LookupProgress"] = [Ok, Ok, Ok, Ok],
        ["PublicService/VerifyDocument"] = [Ok, Ok, Ok, Ok],
    };

    public static TheoryData<string, Who, StatusCode> Cells()
    {
        var cells = new TheoryData<string, Who, StatusCode>();
        foreach (var (rpc, expected) in Matrix)
        {
            cells.Add(rpc, Who.Anonymous, rpc.StartsWith("PublicService/", StringComparison.Ordinal) ? Ok : NoToken);
            for (var role = 0; role < 4; role++)
            {
                cells.Add(rpc, (Who)(role + 1), expected[role]);
            }
        }

        return cells;
    }

    [Fact]
    public void Matrix_CoversEveryRpcOfTheApi()
    {
        var rpcs = new[] { P.ApplicationService.Descriptor, P.DepartmentService.Descriptor, P.QueryService.Descriptor, P.CalendarService.Descriptor, P.PublicService.Descriptor }
            .SelectMany(s => s.Methods.Select(m => $"{s.Name}/{m.Name}"))
            .Order();
        Assert.Equal(rpcs, Matrix.Keys.Order());
    }

    [Theory]
    [MemberData(nameof(Cells))]
    public async Task Cell(string rpc, Who who, StatusCode expected)
    {
        var scene = await Scene.SetUpAsync(fixture, rpc);
        var token = who switch
        {
            Who.Applicant => Callers.Applicant(scene.Identity),
            Who.Clerk => Callers.Clerk(scene.County),
            Who.Department => Callers.Department(P.Department.HumanResourcesSocialSecurity),
            Who.Operator => Callers.Operator(),
            _ => null,
        };
        var headers = token is null ? [] : Callers.Bearer(token);

        var status = await StatusOf(() => Call(rpc, scene, new Clients(fixture.Channel, headers)));

        Assert.Equal(expected, status);
    }

    /// <summary>
    /// An application of one person made by its county's clerk, in the state the RPC needs: at 530102, accepted at once;
    /// for a review decision at the reviewing county, waiting for review.
    /// </summary>
    private sealed record Scene(string Identity, string Number, string County = "530102")
    {
        public static async Task<Scene> SetUpAsync(GatewayFixture fixture, string rpc)
        {
            var identity = Identities.Next();
            if (rpc is "ApplicationService/PrecheckApplication" or "ApplicationService/SubmitApplication")
            {
                return new Scene(identity, "");
            }

            if (rpc is "ApplicationService/AcceptApplication" or "ApplicationService/RefuseAcceptance" or "ApplicationService/RequestSupplement")
            {
                var details = Requests.AllNine(identity);
                details.CountyCode = GatewayFixture.ReviewCounty;
                var waiting = (await fixture.Applications.SubmitApplicationAsync(Requests.Submit(details))).Application;
                Assert.Equal(P.ApplicationStatus.PreCheck, waiting.Status);
                return new Scene(identity, waiting.Number, GatewayFixture.ReviewCounty);
            }

            var number = (await fixture.Applications.SubmitApplicationAsync(Requests.Submit(Requests.AllNine(identity)))).Application.Number;
            if (rpc is "DepartmentService/CompleteMatter" or "DepartmentService/RejectMatter" or "DepartmentService/ReturnMatterForSupplement")
            {
                await fixture.Departments.ClaimMatterAsync(new P.ClaimMatterRequest
                {
                    RequestId = Requests.Id(), Number = number, Matter = P.Matter.SocialInsuranceRegistration,
                    Department = P.Department.HumanResourcesSocialSecurity, Handler = "h",
                });
            }

            return new Scene(identity, number);
        }
    }

    private sealed record Clients(P.ApplicationService.ApplicationServiceClient Applications, P.DepartmentService.DepartmentServiceClient Departments,
        P.QueryService.QueryServiceClient Queries, P.CalendarService.CalendarServiceClient Calendar, Metadata Headers, Grpc.Net.Client.GrpcChannel Channel)
    {
        public Clients(Grpc.Net.Client.GrpcChannel channel, Metadata headers)
            : this(new(channel), new(channel), new(channel), new(channel), headers, channel)
        {
        }
    }

    private static async Task Call(string rpc, Scene scene, Clients c)
    {
        var h = c.Headers;
        const P.Department Hrss = P.Department.HumanResourcesSocialSecurity;
        switch (rpc)
        {
            case "ApplicationService/PrecheckApplication":
                await c.Applications.PrecheckApplicationAsync(new P.PrecheckApplicationRequest { Details = Requests.AllNine(scene.Identity) }, h);
                break;
            case "ApplicationService/SubmitApplication":
                await c.Applications.SubmitApplicationAsync(Requests.Submit(Requests.AllNine(scene.Identity)), h);
                break;
            case "ApplicationService/GetApplication":
                await c.Applications.GetApplicationAsync(new P.GetApplicationRequest { Number = scene.Number }, h);
                break;
            case "ApplicationService/ListMyApplications":
                await c.Applications.ListMyApplicationsAsync(new P.ListMyApplicationsRequest { IdentityNumber = scene.Identity }, h);
                break;
            case "ApplicationService/SupplementMaterials":
                await c.Applications.SupplementMaterialsAsync(new P.SupplementMaterialsRequest
                {
                    RequestId = Requests.Id(), Number = scene.Number,
                    Materials = { new P.ProvidedMaterial { Material = P.Material.ApplicationForm, Source = P.MaterialSource.Upload, Reference = "f" } },
                }, h);
                break;
            case "ApplicationService/WithdrawApplication":
                await c.Applications.WithdrawApplicationAsync(new P.WithdrawApplicationRequest { RequestId = Requests.Id(), Number = scene.Number, Reason = "matrix" }, h);
                break;
            case "ApplicationService/WatchApplication":
            {
                using var watch = c.Applications.WatchApplication(new P.WatchApplicationRequest { Number = scene.Number }, h);
                Assert.True(await watch.ResponseStream.MoveNext(CancellationToken.None));
                break;
            }

            case "ApplicationService/AcceptApplication":
                await c.Applications.AcceptApplicationAsync(new P.AcceptApplicationRequest { RequestId = Requests.Id(), Number = scene.Number }, h);
                break;
            case "ApplicationService/RefuseAcceptance":
                await c.Applications.RefuseAcceptanceAsync(new P.RefuseAcceptanceRequest { RequestId = Requests.Id(), Number = scene.Number, Reasons = { "matrix" }, LegalBasis = "matrix" }, h);
                break;
            case "ApplicationService/RequestSupplement":
                await c.Applications.RequestSupplementAsync(new P.RequestSupplementRequest
                {
                    RequestId = Requests.Id(), Number = scene.Number, Items = { new P.SupplementItem { Material = P.Material.IdPhoto, Reason = "matrix" } },
                }, h);
                break;
            case "ApplicationService/GetMaterial":
                await c.Applications.GetMaterialAsync(new P.GetMaterialRequest { Number = scene.Number, Material = P.Material.IdPhoto, Purpose = "matrix" }, h);
                break;
            case "ApplicationService/RecordDispatch":
                await c.Applications.RecordDispatchAsync(new P.RecordDispatchRequest { RequestId = Requests.Id(), Number = scene.Number, Carrier = "EMS", WaybillNumber = "E1" }, h);
                break;
            case "ApplicationService/RecordPickUp":
                await c.Applications.RecordPickUpAsync(new P.RecordPickUpRequest { RequestId = Requests.Id(), Number = scene.Number, CollectedBy = "本人", IdentityChecked = true }, h);
                break;
            case "ApplicationService/ConfirmDelivery":
                await c.Applications.ConfirmDeliveryAsync(new P.ConfirmDeliveryRequest { RequestId = Requests.Id(), Number = scene.Number, WaybillNumber = "E1" }, h);
                break;
            case "ApplicationService/RateService":
                await c.Applications.RateServiceAsync(new P.RateServiceRequest { RequestId = Requests.Id(), Number = scene.Number, Level = P.RatingLevel.Satisfied }, h);
                break;
            case "ApplicationService/RespondToRating":
                await c.Applications.RespondToRatingAsync(new P.RespondToRatingRequest { RequestId = Requests.Id(), Number = scene.Number, Response = "matrix" }, h);
                break;
            case "DepartmentService/SubscribeWorkItems":
            {
                using var feed = c.Departments.SubscribeWorkItems(new P.SubscribeWorkItemsRequest { Department = Hrss, Jurisdiction = "530102" }, h);
                Assert.True(await feed.ResponseStream.MoveNext(CancellationToken.None));
                break;
            }

            case "DepartmentService/ClaimMatter":
                await c.Departments.ClaimMatterAsync(new P.ClaimMatterRequest
                {
                    RequestId = Requests.Id(), Number = scene.Number, Matter = P.Matter.SocialInsuranceRegistration, Department = Hrss, Handler = "h",
                }, h);
                break;
            case "DepartmentService/CompleteMatter":
                await c.Departments.CompleteMatterAsync(new P.CompleteMatterRequest
                {
                    RequestId = Requests.Id(), Number = scene.Number, Matter = P.Matter.SocialInsuranceRegistration, Department = Hrss,
                    Result = new P.MatterResult { Number = "R-1" },
                }, h);
                break;
            case "DepartmentService/RejectMatter":
                await c.Departments.RejectMatterAsync(new P.RejectMatterRequest
                {
                    RequestId = Requests.Id(), Number = scene.Number, Matter = P.Matter.SocialInsuranceRegistration, Department = Hrss, Reason = "matrix",
                }, h);
                break;
            case "DepartmentService/ReturnMatterForSupplement":
                await c.Departments.ReturnMatterForSupplementAsync(new P.ReturnMatterForSupplementRequest
                {
                    RequestId = Requests.Id(), Number = scene.Number, Matter = P.Matter.SocialInsuranceRegistration, Department = Hrss,
                    Items = { new P.SupplementItem { Material = P.Material.IdentityDocument, Reason = "matrix" } },
                }, h);
                break;
            case "DepartmentService/RecordApplicantFacts":
                await c.Departments.RecordApplicantFactsAsync(new P.RecordApplicantFactsRequest
                {
                    RequestId = Requests.Id(), IdentityNumber = scene.Identity, Facts = new P.ApplicantDeclaration { EmploymentForm = P.EmploymentForm.OtherFlexibleEmployment },
                    Purpose = "matrix",
                }, h);
                break;
            case "QueryService/GetApplicationByNumber":
                await c.Queries.GetApplicationByNumberAsync(new P.GetApplicationByNumberRequest { Number = scene.Number, Purpose = "matrix" }, h);
                break;
            case "QueryService/SearchApplications":
                await c.Queries.SearchApplicationsAsync(new P.SearchApplicationsRequest { CountyPrefix = "530102" }, h);
                break;
            case "QueryService/GetSlaOverview":
                await c.Queries.GetSlaOverviewAsync(new P.GetSlaOverviewRequest(), h);
                break;
            case "QueryService/ListAccessRecords":
                await c.Queries.ListAccessRecordsAsync(new P.ListAccessRecordsRequest(), h);
                break;
            case "QueryService/ListRectifications":
                await c.Queries.ListRectificationsAsync(new P.ListRectificationsRequest(), h);
                break;
            case "QueryService/ListReviewQueue":
                await c.Queries.ListReviewQueueAsync(new P.ListReviewQueueRequest(), h);
                break;
            case "ApplicationService/RevokeDocument":
                await c.Applications.RevokeDocumentAsync(new P.RevokeDocumentRequest { DocumentNumber = "530102-2026-999999", Reason = "matrix" }, h);
                break;
            case "ApplicationService/ListMyMessages":
                await c.Applications.ListMyMessagesAsync(new P.ListMyMessagesRequest { Number = scene.Number }, h);
                break;
            case "QueryService/ListFailedNotifications":
                await c.Queries.ListFailedNotificationsAsync(new P.ListFailedNotificationsRequest(), h);
                break;
            case "QueryService/RetryNotification":
                await c.Queries.RetryNotificationAsync(new P.RetryNotificationRequest { Number = scene.Number, Sequence = 9999 }, h);
                break;
            case "ApplicationService/ListDocuments":
                await c.Applications.ListDocumentsAsync(new P.ListDocumentsRequest { Number = scene.Number }, h);
                break;
            case "ApplicationService/GetDocument":
                await c.Applications.GetDocumentAsync(new P.GetDocumentRequest { DocumentNumber = "530102-2026-999999" }, h);
                break;
            case "PublicService/VerifyDocument":
                await new P.PublicService.PublicServiceClient(c.Channel).VerifyDocumentAsync(new P.VerifyDocumentRequest { Number = "530102-2026-999999", Code = "X" }, h);
                break;
            case "PublicService/LookupProgress":
                await new P.PublicService.PublicServiceClient(c.Channel).LookupProgressAsync(new P.LookupProgressRequest { Number = scene.Number, ApplicantName = "张三" }, h);
                break;
            case "CalendarService/CountWorkingDays":
                await c.Calendar.CountWorkingDaysAsync(new P.CountWorkingDaysRequest { From = "2026-02-13", To = "2026-02-24" }, h);
                break;
            case "CalendarService/AddWorkingDays":
                await c.Calendar.AddWorkingDaysAsync(new P.AddWorkingDaysRequest { Start = "2026-09-30", WorkingDays = 2 }, h);
                break;
            case "CalendarService/GetDeadline":
                await c.Calendar.GetDeadlineAsync(new P.GetDeadlineRequest { AcceptedAt = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow), WorkingDays = 2 }, h);
                break;
            case "CalendarService/ListLoadedYears":
                await c.Calendar.ListLoadedYearsAsync(new P.ListLoadedYearsRequest(), h);
                break;
            case "CalendarService/LoadHolidaySchedule":
                await c.Calendar.LoadHolidayScheduleAsync(new P.LoadHolidayScheduleRequest { ScheduleJson = "{}" }, h);
                break;
            default:
                throw new ArgumentException($"No call for {rpc}", nameof(rpc));
        }
    }

    public static async Task<StatusCode> StatusOf(Func<Task> call)
    {
        ArgumentNullException.ThrowIfNull(call);
        try
        {
            await call();
            return StatusCode.OK;
        }
        catch (RpcException e)
        {
            return e.StatusCode;
        }
    }
}
