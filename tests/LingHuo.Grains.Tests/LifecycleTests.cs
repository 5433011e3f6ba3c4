using LingHuo.Domain;
using LingHuo.Domain.Cases;
using LingHuo.Domain.Catalog;
using LingHuo.Domain.Intake;
using LingHuo.Grains.Abstractions;

namespace LingHuo.Grains.Tests;

[Collection(ClusterCollection.Name)]
public sealed class LifecycleTests(ClusterFixture fixture)
{
    private readonly IClusterClient _client = fixture.Client;

    [Fact]
    public async Task Submit_AllNineOnline_IsAcceptedAndDispatchedByPrerequisites()
    {
        var application = await _client.SubmitAsync(Scenario.Request());

        Assert.Matches(@"^530102-\d{8}-\d{6}$", application.Number.Value);
        Assert.Equal(ApplicationStatus.Accepted, application.Status);
        Assert.Equal(
            [Matter.SocialInsuranceRegistration, Matter.MedicalInsurance, Matter.EmploymentRegistration],
            application.Matters.Where(m => m.Status == MatterStatus.ReadyForDepartment).Select(m => m.Matter));
        Assert.NotNull(application.Sla);
    }

    [Fact]
    public async Task Lifecycle_ThreeDepartmentsDriveAllNineToClosure_WithEveryEventLogged()
    {
        var number = (await _client.SubmitAsync(Scenario.Request())).Number;

        Application application = null!;
        foreach (var matter in new[]
        {
            Matter.SocialInsuranceRegistration, Matter.MedicalInsurance, Matter.EmploymentRegistration, Matter.PersonnelFile,
            Matter.SocialSecurityCard, Matter.PremiumDeclaration, Matter.EmploymentCertificate, Matter.RightsRecordQuery, Matter.ParticipationCertificate,
        })
        {
            application = await _client.HandleAsync(number, matter);
        }

        Assert.Equal(ApplicationOutcome.AllCompleted, application.Outcome);
        var events = await fixture.Database.EventsAsync(number);
        Assert.Equal(Enumerable.Range(1, (int)application.Version).Select(i => (long)i), events.Select(e => e.Sequence));
        Assert.Equal("ApplicationSubmitted", events[0].Type);
        Assert.Equal(["ApplicationClosed", "RatingInvited"], events[^2..].Select(e => e.Type));
        Assert.Equal(9, events.Count(e => e.Type == "MatterCompleted"));
    }

    [Fact]
    public async Task RejectingRegistration_CancelsItsDependents_AndTheRestCanFinish()
    {
        var number = (await _client.SubmitAsync(Scenario.Request())).Number;

        var application = await _client.HandleAsync(number, Matter.SocialInsuranceRegistration, reject: true);
        Assert.All(
            application.Matters.Where(m => m.Matter is Matter.PersonnelFile or Matter.SocialSecurityCard or Matter.PremiumDeclaration or Matter.RightsRecordQuery or Matter.ParticipationCertificate),
            m => Assert.Equal(MatterStatus.Cancelled, m.Status));

        await _client.HandleAsync(number, Matter.MedicalInsurance);
        await _client.HandleAsync(number, Matter.EmploymentRegistration);
        application = await _client.HandleAsync(number, Matter.EmploymentCertificate);

        Assert.Equal(ApplicationOutcome.CompletedWithRejections, application.Outcome);
    }

    [Fact]
    public async Task Withdraw_CancelsOpenMattersAndCloses_AndLetsThePersonApplyAgain()
    {
        var request = Scenario.Request();
        var number = (await _client.SubmitAsync(request)).Number;

        var withdrawn = await _client.Application(number).Withdraw(new WithdrawApplication(Scenario.NewRequestId(), "moved away"));

        Assert.Equal(ApplicationOutcome.Withdrawn, withdrawn.Application!.Outcome);
        Assert.All(withdrawn.Application.Matters, m => Assert.Equal(MatterStatus.Cancelled, m.Status));
        var again = await _client.SubmitAsync(request);
        Assert.NotEqual(number, again.Number);
    }

    [Fact]
    public async Task SecondOpenApplication_IsRefusedNamingTheOpenOne()
    {
        var request = Scenario.Request();
        var first = await _client.SubmitAsync(request);

        var second = await _client.Applicant(request.IdentityNumber!).Submit(new SubmitApplication(Scenario.NewRequestId(), request));

        var refusal = Assert.Single(second.Refusals);
        Assert.Equal(RefusalCode.ApplicationAlreadyOpen, refusal.Code);
        Assert.Contains(first.Number.Value, refusal.MessageEn, StringComparison.Ordinal);
        Assert.Equal(first.Number, Assert.Single((await _client.Applicant(request.IdentityNumber!).Get()).Applications));
    }

    [Fact]
    public async Task Submit_RetriedWithTheSameRequestId_ReturnsTheFirstOutcome()
    {
        var request = Scenario.Request();
        var command = new SubmitApplication(Scenario.NewRequestId(), request);
        var applicant = _client.Applicant(request.IdentityNumber!);

        var first = await applicant.Submit(command);
        var retry = await applicant.Submit(command);

        Assert.True(retry.Replayed);
        Assert.Equal(first.Application!.Number, retry.Application!.Number);
        Assert.Single((await applicant.Get()).Applications);
        Assert.Equal(first.Application.Version, (await fixture.Database.EventsAsync(first.Application.Number)).Count);
    }

    [Fact]
    public async Task MatterCommand_RetriedWithTheSameRequestId_ChangesNothingMore()
    {
        var number = (await _client.SubmitAsync(Scenario.Request())).Number;
        var grain = _client.Application(number);
        var claim = new ClaimMatter(Scenario.NewRequestId(), Matter.MedicalInsurance, Department.MedicalSecurity, "clerk-9");

        var first = await grain.Claim(claim);
        var retry = await grain.Claim(claim);

        Assert.True(first.IsOk && retry.IsOk && retry.Replayed);
        Assert.Equal(first.Application!.Version, retry.Application!.Version);
        var reused = await grain.Withdraw(new WithdrawApplication(claim.RequestId, ""));
        Assert.Equal(RefusalCode.RequestIdReused, Assert.Single(reused.Refusals).Code);
    }

    [Fact]
    public async Task IllegalMove_IsRefusedWithReasons_AndNothingIsStored()
    {
        var number = (await _client.SubmitAsync(Scenario.Request())).Number;
        var before = await fixture.Database.EventsAsync(number);

        var result = await _client.Application(number).Complete(
            new CompleteMatter(Scenario.NewRequestId(), Matter.SocialSecurityCard, Department.HumanResourcesSocialSecurity, new MatterResult("x", [])));

        Assert.Equal(RefusalCode.IllegalTransition, Assert.Single(result.Refusals).Code);
        Assert.Equal(before, await fixture.Database.EventsAsync(number));
    }

    [Fact]
    public async Task Submit_Ineligible_IsRefusedAllAtOnce_AndNothingIsStored()
    {
        var request = Scenario.Request() with
        {
            Facts = new Domain.Eligibility.ApplicantFacts { IsFullTimeStudent = true },
            CountyCode = "110105",
        };
        const string Applications = "select count(*) from orleans_grain_state where grain_type = 'application'";
        var applications = await fixture.Database.ScalarAsync<long>(Applications);

        var result = await _client.Applicant(request.IdentityNumber!).Submit(new SubmitApplication(Scenario.NewRequestId(), request));

        Assert.Equal(
            [RefusalCode.CountyCodeInvalid, RefusalCode.FullTimeStudent, RefusalCode.NotFlexiblyEmployed, RefusalCode.NotFlexiblyEmployed],
            result.Refusals.Select(r => r.Code));
        Assert.Equal(applications, await fixture.Database.ScalarAsync<long>(Applications));
        var key = Scenario.Keys.For(Domain.Identity.IdentityNumber.Parse(request.IdentityNumber, new DateOnly(2026, 1, 1)).Value!);
        Assert.Equal(0L, await fixture.Database.ScalarAsync<long>("select count(*) from orleans_grain_state where grain_id_ext = @key", ("key", key)));
    }

    [Fact]
    public async Task Submit_MissingMaterials_OpensWithOneSupplementNotice_ThenSupplementAccepts()
    {
        var request = Scenario.Request(matters: [Matter.SocialInsuranceRegistration, Matter.SocialSecurityCard]) with
        {
            Materials = [new(Material.ApplicationForm, MaterialSource.Upload)],
        };

        var opened = await _client.SubmitAsync(request);
        Assert.Equal(ApplicationStatus.SupplementRequired, opened.Status);
        Assert.Equal(EnumSet<Material>.Of(Material.IdentityDocument, Material.IdPhoto), opened.Materials.Missing);

        var supplemented = await _client.Application(opened.Number).Supplement(new SupplementMaterials(
            Scenario.NewRequestId(), [new(Material.IdentityDocument, MaterialSource.Upload), new(Material.IdPhoto, MaterialSource.Upload)]));

        Assert.Equal(ApplicationStatus.Accepted, supplemented.Application!.Status);
    }

    [Fact]
    public async Task ApplicationNumbers_AreUniqueUnderConcurrentSubmissions()
    {
        var submissions = Enumerable.Range(0, 40).Select(_ => _client.SubmitAsync(Scenario.Request())).ToList();

        var numbers = (await Task.WhenAll(submissions)).Select(a => a.Number).ToList();

        Assert.Equal(numbers.Count, numbers.Distinct().Count());
    }

    [Fact]
    public async Task UnknownApplication_IsNotFound() =>
        Assert.Equal(RefusalCode.ApplicationNotFound, Assert.Single((await _client.Application(ApplicationNumber.Trusted("530102-20000101-999999")).Get()).Refusals).Code);
}
