using Google.Protobuf;
using Grpc.Core;
using LingHuo.Testing;
using P = LingHuo.Protos.V1;

namespace LingHuo.Gateway.Tests;

/// <summary>
/// Bad moves while a case is worked: acting twice or in the wrong state, another county's clerk, a department on
/// another department's matter, a late answer, rating too early or twice, bad uploads and bad fields of every new RPC.
/// Each gets its status and reason, and the application is left as it was (no event, same version).
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class WorkflowCorpusTests(GatewayFixture fixture)
{
    /// <summary>Where the application stands before the bad move.</summary>
    public enum Stage { Review, Supplement, Accepted, Claimed, Closed }

    /// <summary>An application at a stage: its number and its applicant.</summary>
    public sealed record Scene(string Number, string Identity);

    public sealed record Case(string Name, Stage Stage, Func<GatewayFixture, Scene, Task> Call, StatusCode Status, string Reason)
    {
        public override string ToString() => Name;
    }

    private static readonly TheoryData<Case> All = Build();

    public static TheoryData<Case> Corpus() => All;

    [Fact]
    public void Corpus_HasAtLeastEightyCases() => Assert.True(All.Count >= 80, $"{All.Count} cases");

    [Theory]
    [MemberData(nameof(Corpus))]
    public async Task BadMove_GetsItsStatusAndReason_AndChangesNothing(Case bad)
    {
        ArgumentNullException.ThrowIfNull(bad);
        var scene = await SetUpAsync(bad.Stage);
        var before = await VersionAsync(scene.Number);
        var files = await fixture.CountAsync("select count(*) from material_contents");

        var e = await Assert.ThrowsAsync<RpcException>(() => bad.Call(fixture, scene));

        Assert.Equal(bad.Status, e.StatusCode);
        Assert.Contains(bad.Reason, Requests.Reasons(e));
        Assert.Equal(before, await VersionAsync(scene.Number));
        if (bad.Reason == "REFUSAL_CODE_FILE_INVALID")
        {
            Assert.Equal(files, await fixture.CountAsync("select count(*) from material_contents"));
        }
    }

    private async Task<Scene> SetUpAsync(Stage stage)
    {
        var identity = Identities.Next();
        var details = Requests.AllNine(identity);
        details.CountyCode = stage is Stage.Review or Stage.Supplement ? GatewayFixture.ReviewCounty : "530102";
        details.Delivery = new P.ResultDelivery { Mail = new P.MailCashOnDelivery { Recipient = "张三", Phone = "13800000000", Address = "昆明市五华区人民中路1号" } };
        var number = (await fixture.Applications.SubmitApplicationAsync(Requests.Submit(details))).Application.Number;
        switch (stage)
        {
            case Stage.Supplement:
                await fixture.Applications.RequestSupplementAsync(new P.RequestSupplementRequest
                {
                    RequestId = Requests.Id(), Number = number, Items = { new P.SupplementItem { Material = P.Material.IdPhoto, Reason = "照片模糊" } },
                });
                break;
            case Stage.Claimed:
                await fixture.Departments.ClaimMatterAsync(new P.ClaimMatterRequest
                {
                    RequestId = Requests.Id(), Number = number, Matter = P.Matter.SocialInsuranceRegistration, Department = P.Department.HumanResourcesSocialSecurity, Handler = "h",
                });
                break;
            case Stage.Closed:
                await fixture.Applications.WithdrawApplicationAsync(new P.WithdrawApplicationRequest { RequestId = Requests.Id(), Number = number, Reason = "corpus" });
                break;
        }

        return new Scene(number, identity);
    }

    private async Task<long> VersionAsync(string number) =>
        (await fixture.Applications.GetApplicationAsync(new P.GetApplicationRequest { Number = number, Purpose = "corpus" })).Application.Version;

    private static Metadata Applicant(Scene s) => Callers.Bearer(Callers.Applicant(s.Identity));

    private static Metadata OtherClerk => Callers.Bearer(Callers.Clerk("530103"));

    private static Metadata Department(P.Department department) => Callers.Bearer(Callers.Department(department));

    // The new RPCs, each as a valid call of its kind on the scene's application, with a chance to spoil one thing.
    private static Task Accept(GatewayFixture f, Scene s, Metadata? as_ = null, Action<P.AcceptApplicationRequest>? spoil = null)
    {
        var request = new P.AcceptApplicationRequest { RequestId = Requests.Id(), Number = s.Number };
        spoil?.Invoke(request);
        return f.Applications.AcceptApplicationAsync(request, as_).ResponseAsync;
    }

    private static Task Refuse(GatewayFixture f, Scene s, Metadata? as_ = null, Action<P.RefuseAcceptanceRequest>? spoil = null)
    {
        var request = new P.RefuseAcceptanceRequest { RequestId = Requests.Id(), Number = s.Number, Reasons = { "材料不齐" }, LegalBasis = "《行政许可法》第三十二条" };
        spoil?.Invoke(request);
        return f.Applications.RefuseAcceptanceAsync(request, as_).ResponseAsync;
    }

    private static Task Notice(GatewayFixture f, Scene s, Metadata? as_ = null, Action<P.RequestSupplementRequest>? spoil = null)
    {
        var request = new P.RequestSupplementRequest
        {
            RequestId = Requests.Id(), Number = s.Number, Items = { new P.SupplementItem { Material = P.Material.IdentityDocument, Reason = "证件模糊" } },
        };
        spoil?.Invoke(request);
        return f.Applications.RequestSupplementAsync(request, as_).ResponseAsync;
    }

    private static Task Answer(GatewayFixture f, Scene s, Metadata? as_ = null, Action<P.SupplementMaterialsRequest>? spoil = null)
    {
        var request = new P.SupplementMaterialsRequest
        {
            RequestId = Requests.Id(), Number = s.Number,
            Materials = { new P.ProvidedMaterial { Material = P.Material.IdPhoto, Source = P.MaterialSource.Upload, Content = Requests.Photo(400, 500) } },
        };
        spoil?.Invoke(request);
        return f.Applications.SupplementMaterialsAsync(request, as_ ?? Applicant(s)).ResponseAsync;
    }

    private static Task Dispatch(GatewayFixture f, Scene s, Metadata? as_ = null, Action<P.RecordDispatchRequest>? spoil = null)
    {
        var request = new P.RecordDispatchRequest { RequestId = Requests.Id(), Number = s.Number, Carrier = "中国邮政 EMS", WaybillNumber = "1190000000001" };
        spoil?.Invoke(request);
        return f.Applications.RecordDispatchAsync(request, as_).ResponseAsync;
    }

    private static Task PickUp(GatewayFixture f, Scene s, Metadata? as_ = null, Action<P.RecordPickUpRequest>? spoil = null)
    {
        var request = new P.RecordPickUpRequest { RequestId = Requests.Id(), Number = s.Number, CollectedBy = "本人", IdentityChecked = true };
        spoil?.Invoke(request);
        return f.Applications.RecordPickUpAsync(request, as_).ResponseAsync;
    }

    private static Task Confirm(GatewayFixture f, Scene s, Metadata? as_ = null, Action<P.ConfirmDeliveryRequest>? spoil = null)
    {
        var request = new P.ConfirmDeliveryRequest { RequestId = Requests.Id(), Number = s.Number, WaybillNumber = "1190000000001" };
        spoil?.Invoke(request);
        return f.Applications.ConfirmDeliveryAsync(request, as_).ResponseAsync;
    }

    private static Task Rate(GatewayFixture f, Scene s, Metadata? as_ = null, Action<P.RateServiceRequest>? spoil = null)
    {
        var request = new P.RateServiceRequest { RequestId = Requests.Id(), Number = s.Number, Level = P.RatingLevel.Satisfied };
        spoil?.Invoke(request);
        return f.Applications.RateServiceAsync(request, as_ ?? Applicant(s)).ResponseAsync;
    }

    private static Task Respond(GatewayFixture f, Scene s, Metadata? as_ = null, Action<P.RespondToRatingRequest>? spoil = null)
    {
        var request = new P.RespondToRatingRequest { RequestId = Requests.Id(), Number = s.Number, Response = "已整改" };
        spoil?.Invoke(request);
        return f.Applications.RespondToRatingAsync(request, as_).ResponseAsync;
    }

    private static Task GiveBack(GatewayFixture f, Scene s, Metadata? as_ = null, Action<P.ReturnMatterForSupplementRequest>? spoil = null)
    {
        var request = new P.ReturnMatterForSupplementRequest
        {
            RequestId = Requests.Id(), Number = s.Number, Matter = P.Matter.SocialInsuranceRegistration, Department = P.Department.HumanResourcesSocialSecurity,
            Items = { new P.SupplementItem { Material = P.Material.IdentityDocument, Reason = "证件模糊" } },
        };
        spoil?.Invoke(request);
        return f.Departments.ReturnMatterForSupplementAsync(request, as_).ResponseAsync;
    }

    private static Task Material(GatewayFixture f, Scene s, Metadata? as_ = null, Action<P.GetMaterialRequest>? spoil = null)
    {
        var request = new P.GetMaterialRequest { Number = s.Number, Material = P.Material.IdPhoto, Purpose = "corpus" };
        spoil?.Invoke(request);
        return f.Applications.GetMaterialAsync(request, as_).ResponseAsync;
    }

    private static ByteString Text(string text) => ByteString.CopyFromUtf8(text);

    private static TheoryData<Case> Build()
    {
        const StatusCode Invalid = StatusCode.InvalidArgument;
        const StatusCode Precondition = StatusCode.FailedPrecondition;
        const StatusCode Denied = StatusCode.PermissionDenied;
        const string Illegal = "REFUSAL_CODE_ILLEGAL_TRANSITION";
        const string Required = "REFUSAL_CODE_REQUIRED";
        const string TooLong = "REFUSAL_CODE_TOO_LONG";
        const string InvalidValue = "REFUSAL_CODE_INVALID_VALUE";
        var cases = new List<Case>
        {
            // The wrong state, or acting twice.
            new("accept while a supplement is awaited", Stage.Supplement, (f, s) => Accept(f, s), Precondition, Illegal),
            new("accept an accepted application", Stage.Accepted, (f, s) => Accept(f, s), Precondition, Illegal),
            new("accept a withdrawn application", Stage.Closed, (f, s) => Accept(f, s), Precondition, Illegal),
            new("refuse an accepted application", Stage.Accepted, (f, s) => Refuse(f, s), Precondition, Illegal),
            new("refuse a closed application", Stage.Closed, (f, s) => Refuse(f, s), Precondition, Illegal),
            new("a second supplement notice", Stage.Supplement, (f, s) => Notice(f, s), Precondition, "REFUSAL_CODE_SUPPLEMENT_ALREADY_REQUESTED"),
            new("a supplement notice after acceptance", Stage.Accepted, (f, s) => Notice(f, s), Precondition, Illegal),
            new("a supplement notice after closure", Stage.Closed, (f, s) => Notice(f, s), Precondition, Illegal),
            new("a supplement nobody asked for after acceptance", Stage.Accepted, (f, s) => Answer(f, s), Precondition, Illegal),
            new("a supplement after closure", Stage.Closed, (f, s) => Answer(f, s), Precondition, Illegal),
            new("half an answer to the notice", Stage.Supplement, (f, s) => Answer(f, s, spoil: r => r.Materials[0].Material = P.Material.IdentityDocument), Precondition, "REFUSAL_CODE_SUPPLEMENT_INCOMPLETE"),
            new("dispatch before anything is done", Stage.Accepted, (f, s) => Dispatch(f, s), Precondition, Illegal),
            new("dispatch under review", Stage.Review, (f, s) => Dispatch(f, s), Precondition, Illegal),
            new("pick up before anything is done", Stage.Accepted, (f, s) => PickUp(f, s), Precondition, Illegal),
            new("pick up a result not completed", Stage.Claimed, (f, s) => PickUp(f, s, spoil: r => r.Matters.Add(P.Matter.SocialSecurityCard)), Precondition, "REFUSAL_CODE_RESULT_NOT_AWAITING_DELIVERY"),
            new("pick up a result nobody hands over", Stage.Accepted, (f, s) => PickUp(f, s, spoil: r => r.Matters.Add(P.Matter.MedicalInsurance)), Precondition, "REFUSAL_CODE_RESULT_NOT_AWAITING_DELIVERY"),
            new("confirm a parcel never sent", Stage.Accepted, (f, s) => Confirm(f, s), Invalid, InvalidValue),
            new("confirm a parcel of a closed application never sent", Stage.Closed, (f, s) => Confirm(f, s, Applicant(s)), Invalid, InvalidValue),
            new("rate under review", Stage.Review, (f, s) => Rate(f, s), Precondition, Illegal),
            new("rate while a supplement is awaited", Stage.Supplement, (f, s) => Rate(f, s), Precondition, Illegal),
            new("rate before closure", Stage.Accepted, (f, s) => Rate(f, s), Precondition, Illegal),
            new("answer a rating never given", Stage.Closed, (f, s) => Respond(f, s), Precondition, Illegal),
            new("answer a rating of an open application", Stage.Accepted, (f, s) => Respond(f, s), Precondition, Illegal),
            new("return a matter not claimed", Stage.Accepted, (f, s) => GiveBack(f, s), Precondition, Illegal),
            new("return a matter under review", Stage.Review, (f, s) => GiveBack(f, s), Precondition, Illegal),
            new("return a matter of a closed application", Stage.Closed, (f, s) => GiveBack(f, s), Precondition, Illegal),

            // Who may not.
            new("another county's clerk accepts", Stage.Review, (f, s) => Accept(f, s, OtherClerk), Denied, "OUTSIDE_JURISDICTION"),
            new("another county's clerk refuses", Stage.Review, (f, s) => Refuse(f, s, OtherClerk), Denied, "OUTSIDE_JURISDICTION"),
            new("another county's clerk asks for a supplement", Stage.Review, (f, s) => Notice(f, s, OtherClerk), Denied, "OUTSIDE_JURISDICTION"),
            new("another county's clerk answers a notice", Stage.Supplement, (f, s) => Answer(f, s, OtherClerk), Denied, "OUTSIDE_JURISDICTION"),
            new("another county's clerk dispatches", Stage.Accepted, (f, s) => Dispatch(f, s, OtherClerk), Denied, "OUTSIDE_JURISDICTION"),
            new("another county's clerk hands over", Stage.Accepted, (f, s) => PickUp(f, s, OtherClerk), Denied, "OUTSIDE_JURISDICTION"),
            new("another county's clerk confirms", Stage.Accepted, (f, s) => Confirm(f, s, OtherClerk), Denied, "OUTSIDE_JURISDICTION"),
            new("another county's clerk answers a rating", Stage.Closed, (f, s) => Respond(f, s, OtherClerk), Denied, "OUTSIDE_JURISDICTION"),
            new("another county's clerk reads the photo", Stage.Accepted, (f, s) => Material(f, s, OtherClerk), Denied, "OUTSIDE_JURISDICTION"),
            new("the applicant accepts their own", Stage.Review, (f, s) => Accept(f, s, Applicant(s)), Denied, "ROLE_NOT_ALLOWED"),
            new("the applicant refuses their own", Stage.Review, (f, s) => Refuse(f, s, Applicant(s)), Denied, "ROLE_NOT_ALLOWED"),
            new("the applicant writes their own notice", Stage.Review, (f, s) => Notice(f, s, Applicant(s)), Denied, "ROLE_NOT_ALLOWED"),
            new("the applicant records a dispatch", Stage.Accepted, (f, s) => Dispatch(f, s, Applicant(s)), Denied, "ROLE_NOT_ALLOWED"),
            new("the applicant records a pick-up", Stage.Accepted, (f, s) => PickUp(f, s, Applicant(s)), Denied, "ROLE_NOT_ALLOWED"),
            new("the applicant answers a rating", Stage.Closed, (f, s) => Respond(f, s, Applicant(s)), Denied, "ROLE_NOT_ALLOWED"),
            new("someone else answers a notice", Stage.Supplement, (f, s) => Answer(f, s, Callers.Bearer(Callers.Applicant(Identities.Next()))), Denied, "NOT_OWN_APPLICATION"),
            new("someone else rates", Stage.Closed, (f, s) => Rate(f, s, Callers.Bearer(Callers.Applicant(Identities.Next()))), Denied, "NOT_OWN_APPLICATION"),
            new("someone else reads the photo", Stage.Accepted, (f, s) => Material(f, s, Callers.Bearer(Callers.Applicant(Identities.Next()))), Denied, "NOT_OWN_APPLICATION"),
            new("a clerk rates", Stage.Closed, (f, s) => Rate(f, s, Callers.Bearer(Callers.Clerk())), Denied, "ROLE_NOT_ALLOWED"),
            new("a department accepts", Stage.Review, (f, s) => Accept(f, s, Department(P.Department.HumanResourcesSocialSecurity)), Denied, "ROLE_NOT_ALLOWED"),
            new("a department hands over", Stage.Accepted, (f, s) => PickUp(f, s, Department(P.Department.HumanResourcesSocialSecurity)), Denied, "ROLE_NOT_ALLOWED"),
            new("医保 returns 人社's matter", Stage.Claimed, (f, s) => GiveBack(f, s, Department(P.Department.MedicalSecurity)), Denied, "OTHER_DEPARTMENT"),
            new("税务 reads the photo", Stage.Accepted, (f, s) => Material(f, s, Department(P.Department.Tax)), Denied, "OTHER_DEPARTMENT"),
            new("an operator reads the photo", Stage.Accepted, (f, s) => Material(f, s, Callers.Bearer(Callers.Operator())), Denied, "ROLE_NOT_ALLOWED"),
            new("an applicant answers with a paper original", Stage.Supplement, (f, s) => Answer(f, s, spoil: r => r.Materials[0] = new P.ProvidedMaterial { Material = P.Material.IdentityDocument, Source = P.MaterialSource.PaperOriginal }), Denied, "CHANNEL_NOT_ALLOWED"),

            // Bad fields.
            new("refuse without reasons", Stage.Review, (f, s) => Refuse(f, s, spoil: r => r.Reasons.Clear()), Invalid, Required),
            new("refuse with an empty reason", Stage.Review, (f, s) => Refuse(f, s, spoil: r => r.Reasons.Add(" ")), Invalid, Required),
            new("refuse without a legal basis", Stage.Review, (f, s) => Refuse(f, s, spoil: r => r.LegalBasis = ""), Invalid, Required),
            new("refuse with a reason of 501 characters", Stage.Review, (f, s) => Refuse(f, s, spoil: r => r.Reasons[0] = new string('理', 501)), Invalid, TooLong),
            new("refuse with 21 reasons", Stage.Review, (f, s) => Refuse(f, s, spoil: r => r.Reasons.AddRange(Enumerable.Range(0, 20).Select(i => "理由" + i))), Invalid, InvalidValue),
            new("refuse with a control character", Stage.Review, (f, s) => Refuse(f, s, spoil: r => r.Reasons[0] = "材料\u0007不齐"), Invalid, "REFUSAL_CODE_INVALID_CHARACTER"),
            new("refuse with a legal basis of 501 characters", Stage.Review, (f, s) => Refuse(f, s, spoil: r => r.LegalBasis = new string('法', 501)), Invalid, TooLong),
            new("a notice with nothing in it", Stage.Review, (f, s) => Notice(f, s, spoil: r => r.Items.Clear()), Invalid, Required),
            new("a notice naming a material twice", Stage.Review, (f, s) => Notice(f, s, spoil: r => r.Items.Add(r.Items[0].Clone())), Invalid, "REFUSAL_CODE_MATERIAL_DUPLICATE"),
            new("a notice naming material 9", Stage.Review, (f, s) => Notice(f, s, spoil: r => r.Items[0].Material = (P.Material)9), Invalid, "REFUSAL_CODE_MATERIAL_UNKNOWN"),
            new("a notice naming proof not needed online", Stage.Review, (f, s) => Notice(f, s, spoil: r => r.Items[0].Material = P.Material.InsuranceProof), Invalid, "REFUSAL_CODE_MATERIAL_SOURCE_NOT_ALLOWED"),
            new("a notice without a reason", Stage.Review, (f, s) => Notice(f, s, spoil: r => r.Items[0].Reason = ""), Invalid, Required),
            new("a notice with a reason of 501 characters", Stage.Review, (f, s) => Notice(f, s, spoil: r => r.Items[0].Reason = new string('模', 501)), Invalid, TooLong),
            new("an answer with no materials", Stage.Supplement, (f, s) => Answer(f, s, spoil: r => r.Materials.Clear()), Invalid, Required),
            new("an answer with a PDF that is not a PDF", Stage.Supplement, (f, s) => Answer(f, s, spoil: r => r.Materials.Add(new P.ProvidedMaterial { Material = P.Material.IdentityDocument, Source = P.MaterialSource.Upload, Content = Text("not a pdf"), MediaType = "application/pdf" })), Invalid, "REFUSAL_CODE_FILE_INVALID"),
            new("an answer with a PNG declared as JPEG", Stage.Supplement, (f, s) => Answer(f, s, spoil: r => r.Materials[0].MediaType = "image/jpeg"), Invalid, "REFUSAL_CODE_FILE_INVALID"),
            new("an answer with a photo too small", Stage.Supplement, (f, s) => Answer(f, s, spoil: r => r.Materials[0].Content = Requests.Photo(100, 100)), Invalid, "REFUSAL_CODE_PHOTO_INVALID"),
            new("an answer with a photo that is a PDF", Stage.Supplement, (f, s) => Answer(f, s, spoil: r => r.Materials[0].Content = Text("%PDF-1.7")), Invalid, "REFUSAL_CODE_PHOTO_INVALID"),
            new("an answer with a file on a data-sharing claim", Stage.Supplement, (f, s) => Answer(f, s, spoil: r => r.Materials.Add(new P.ProvidedMaterial { Material = P.Material.IdentityDocument, Source = P.MaterialSource.DataSharing, Content = Text("%PDF-1.7") })), Invalid, "REFUSAL_CODE_FILE_INVALID"),
            new("an answer giving the photo twice", Stage.Supplement, (f, s) => Answer(f, s, spoil: r => r.Materials.Add(r.Materials[0].Clone())), Invalid, "REFUSAL_CODE_MATERIAL_DUPLICATE"),
            new("dispatch without a carrier", Stage.Accepted, (f, s) => Dispatch(f, s, spoil: r => r.Carrier = ""), Invalid, Required),
            new("dispatch with a waybill of 41 characters", Stage.Accepted, (f, s) => Dispatch(f, s, spoil: r => r.WaybillNumber = new string('9', 41)), Invalid, TooLong),
            new("dispatch naming matter 10", Stage.Accepted, (f, s) => Dispatch(f, s, spoil: r => r.Matters.Add((P.Matter)10)), Invalid, "REFUSAL_CODE_MATTER_UNKNOWN"),
            new("pick up without checking the identity", Stage.Accepted, (f, s) => PickUp(f, s, spoil: r => r.IdentityChecked = false), Invalid, InvalidValue),
            new("pick up by nobody", Stage.Accepted, (f, s) => PickUp(f, s, spoil: r => r.CollectedBy = ""), Invalid, Required),
            new("pick up by a name of 51 characters", Stage.Accepted, (f, s) => PickUp(f, s, spoil: r => r.CollectedBy = new string('张', 51)), Invalid, TooLong),
            new("rate with no level", Stage.Closed, (f, s) => Rate(f, s, spoil: r => r.Level = P.RatingLevel.Unspecified), Invalid, InvalidValue),
            new("rate at level 9", Stage.Closed, (f, s) => Rate(f, s, spoil: r => r.Level = (P.RatingLevel)9), Invalid, InvalidValue),
            new("rate with 11 tags", Stage.Closed, (f, s) => Rate(f, s, spoil: r => r.Tags.AddRange(Enumerable.Range(0, 11).Select(i => "标签" + i))), Invalid, InvalidValue),
            new("rate with a tag of 21 characters", Stage.Closed, (f, s) => Rate(f, s, spoil: r => r.Tags.Add(new string('好', 21))), Invalid, TooLong),
            new("rate with a comment of 501 characters", Stage.Closed, (f, s) => Rate(f, s, spoil: r => r.Comment = new string('好', 501)), Invalid, TooLong),
            new("rate with a bidi control in the comment", Stage.Closed, (f, s) => Rate(f, s, spoil: r => r.Comment = "好\u202E评"), Invalid, "REFUSAL_CODE_INVALID_CHARACTER"),
            new("return with no items", Stage.Claimed, (f, s) => GiveBack(f, s, spoil: r => r.Items.Clear()), Invalid, Required),
            new("return asking for a material not used", Stage.Claimed, (f, s) => GiveBack(f, s, spoil: r => r.Items[0].Material = P.Material.InsuranceProof), Invalid, "REFUSAL_CODE_MATERIAL_SOURCE_NOT_ALLOWED"),
            new("read material 9", Stage.Accepted, (f, s) => Material(f, s, spoil: r => r.Material = (P.Material)9), Invalid, "REFUSAL_CODE_MATERIAL_UNKNOWN"),
            new("read a material with no file", Stage.Accepted, (f, s) => Material(f, s, spoil: r => r.Material = P.Material.IdentityDocument), StatusCode.NotFound, "MATERIAL_FILE_NOT_FOUND"),
            new("read the photo without saying why", Stage.Accepted, (f, s) => Material(f, s, spoil: r => r.Purpose = ""), Invalid, Required),
        };

        // Every new command without a request id, with a malformed number and with an unknown one.
        foreach (var (name, stage) in new[]
        {
            ("accept", Stage.Review), ("refuse", Stage.Review), ("request a supplement", Stage.Review), ("dispatch", Stage.Accepted),
            ("pick up", Stage.Accepted), ("confirm", Stage.Accepted), ("rate", Stage.Closed), ("respond", Stage.Closed),
        })
        {
            cases.Add(new($"{name} without a request id", stage, (f, s) => Without(f, s, name), Invalid, Required));
        }

        cases.Add(new("accept number 530102-2026", Stage.Review, (f, s) => Accept(f, s, spoil: r => r.Number = "530102-2026"), Invalid, InvalidValue));
        cases.Add(new("refuse an application that does not exist", Stage.Review, (f, s) => Refuse(f, s, spoil: r => r.Number = s.Number[..^6] + "999999"), StatusCode.NotFound, "REFUSAL_CODE_APPLICATION_NOT_FOUND"));

        var data = new TheoryData<Case>();
        foreach (var c in cases)
        {
            data.Add(c);
        }

        return data;
    }

    private static Task Without(GatewayFixture f, Scene s, string command) => command switch
    {
        "accept" => Accept(f, s, spoil: r => r.RequestId = ""),
        "refuse" => Refuse(f, s, spoil: r => r.RequestId = ""),
        "request a supplement" => Notice(f, s, spoil: r => r.RequestId = ""),
        "dispatch" => Dispatch(f, s, spoil: r => r.RequestId = ""),
        "pick up" => PickUp(f, s, spoil: r => r.RequestId = ""),
        "confirm" => Confirm(f, s, spoil: r => r.RequestId = ""),
        "rate" => Rate(f, s, spoil: r => r.RequestId = ""),
        _ => Respond(f, s, spoil: r => r.RequestId = ""),
    };
}
