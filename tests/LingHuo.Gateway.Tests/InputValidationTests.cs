using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using LingHuo.Testing;
using P = LingHuo.Protos.V1;

namespace LingHuo.Gateway.Tests;

/// <summary>
/// Input a real client sent that the platform once stored, failed on, or answered vaguely: each is now refused at the
/// gateway with INVALID_ARGUMENT, a code that says what is wrong, and the field it is wrong in; nothing is stored.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class InputValidationTests(GatewayFixture fixture)
{
    private const string StoredCases = "select count(*) from orleans_grain_state where grain_type in ('applicant', 'application')";

    private static P.SubmitApplicationRequest Mailed(string recipient = "张三", string phone = "13800000000", string address = "昆明市五华区", string postalCode = "")
    {
        var request = Requests.Submit();
        request.Details.Delivery = new P.ResultDelivery
        {
            Mail = new P.MailCashOnDelivery { Recipient = recipient, Phone = phone, Address = address, PostalCode = postalCode },
        };
        return request;
    }

    private async Task<Google.Rpc.BadRequest.Types.FieldViolation> RefusedSubmission(P.SubmitApplicationRequest request)
    {
        var before = await fixture.CountAsync(StoredCases);
        var e = await Assert.ThrowsAsync<RpcException>(() => fixture.Applications.SubmitApplicationAsync(request).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
        Assert.Equal(before, await fixture.CountAsync(StoredCases));
        return Assert.Single(Violations(e));
    }

    private static IEnumerable<Google.Rpc.BadRequest.Types.FieldViolation> Violations(RpcException e) =>
        e.GetRpcStatus()!.Details.Single(d => d.Is(Google.Rpc.BadRequest.Descriptor)).Unpack<Google.Rpc.BadRequest>().FieldViolations;

    [Fact]
    public async Task ANulInTheRecipientsName_IsRefusedAsBadInput_NotAnsweredAsAnOutage_AndNeverLogged()
    {
        var violation = await RefusedSubmission(Mailed(recipient: "张\u0000三丰"));

        Assert.Equal("REFUSAL_CODE_INVALID_CHARACTER", violation.Reason);
        Assert.Equal("details.delivery.recipient", violation.Field);
        Assert.Contains("U+0000", violation.Description, StringComparison.Ordinal);
        Assert.DoesNotContain(fixture.Logs.Snapshot(), log => (log.FormattedMessage ?? "").Contains("三丰", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("right-to-left override", "张三\u202E")]
    [InlineData("bidi isolate", "\u2066张三")]
    [InlineData("bell", "张\u0007三")]
    [InlineData("line break", "张三\n李四")]
    public async Task APrintedAddressWithACharacterThatCouldMisleadOrBreak_IsRefused(string name, string address)
    {
        var violation = await RefusedSubmission(Mailed(address: address));

        Assert.True(violation.Reason == "REFUSAL_CODE_INVALID_CHARACTER", name);
        Assert.Equal("details.delivery.address", violation.Field);
    }

    [Fact]
    public async Task A200000CharacterAddress_IsRefusedAsTooLong_NamingTheLimit()
    {
        var violation = await RefusedSubmission(Mailed(address: new string('路', 200_000)));

        Assert.Equal("REFUSAL_CODE_TOO_LONG", violation.Reason);
        Assert.Equal("details.delivery.address", violation.Field);
        Assert.Contains("at most 200 characters", violation.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ANameOfRareCharacters_CountsEachCharacterOnce_AndIsAccepted()
    {
        // 𠮷 lies outside the Basic Multilingual Plane: two UTF-16 units, one character. Fifty of them are a full name field.
        var submitted = await fixture.Applications.SubmitApplicationAsync(Mailed(recipient: string.Concat(Enumerable.Repeat("𠮷", 50))));

        Assert.Equal(P.ApplicationStatus.Accepted, submitted.Application.Status);
    }

    [Theory]
    [InlineData("full-width digits", "１３８００００００００")]
    [InlineData("letters", "call me")]
    [InlineData("too short", "123")]
    public async Task APhoneNumberThatIsThereButWrong_IsAnInvalidValue_NotMissing(string name, string phone)
    {
        var violation = await RefusedSubmission(Mailed(phone: phone));

        Assert.True(violation.Reason == "REFUSAL_CODE_INVALID_VALUE", $"{name}: {violation.Reason}");
        Assert.Equal("details.delivery.phone", violation.Field);
    }

    [Fact]
    public async Task AMissingPhoneNumber_IsRequired()
    {
        var violation = await RefusedSubmission(Mailed(phone: ""));

        Assert.Equal("REFUSAL_CODE_REQUIRED", violation.Reason);
    }

    [Fact]
    public async Task APostalCodeThatIsNotSixDigits_IsAnInvalidValue()
    {
        var violation = await RefusedSubmission(Mailed(postalCode: "65O000"));

        Assert.Equal(("REFUSAL_CODE_INVALID_VALUE", "details.delivery.postal_code"), (violation.Reason, violation.Field));
    }

    [Fact]
    public async Task ARequestIdOf65Characters_IsTooLong_AndTheMessageSaysTheLimit()
    {
        var request = Requests.Submit();
        request.RequestId = new string('r', 65);

        var violation = await RefusedSubmission(request);

        Assert.Equal("REFUSAL_CODE_TOO_LONG", violation.Reason);
        Assert.Contains("at most 64 characters, not 65", violation.Description, StringComparison.Ordinal);
        Assert.DoesNotContain("required", violation.Description, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task AMalformedApplicationNumber_IsAnInvalidValue_AndAMissingOneIsRequired()
    {
        var malformed = await Assert.ThrowsAsync<RpcException>(() => fixture.Applications.GetApplicationAsync(new P.GetApplicationRequest { Number = "530102-2026-1" }).ResponseAsync);
        var fullWidth = await Assert.ThrowsAsync<RpcException>(() => fixture.Applications.GetApplicationAsync(new P.GetApplicationRequest { Number = "530102-20261201-００００01" }).ResponseAsync);
        var missing = await Assert.ThrowsAsync<RpcException>(() => fixture.Applications.GetApplicationAsync(new P.GetApplicationRequest { Number = "" }).ResponseAsync);

        Assert.Contains("REFUSAL_CODE_INVALID_VALUE", Requests.Reasons(malformed));
        Assert.Contains("REFUSAL_CODE_INVALID_VALUE", Requests.Reasons(fullWidth));
        Assert.Contains("REFUSAL_CODE_REQUIRED", Requests.Reasons(missing));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(3661)]
    public async Task AnOutOfRangeNumberOfWorkingDays_IsAnInvalidValue_NamingTheRange(int days)
    {
        var e = await Assert.ThrowsAsync<RpcException>(() => fixture.Calendar.AddWorkingDaysAsync(new P.AddWorkingDaysRequest { Start = "2026-09-30", WorkingDays = days }).ResponseAsync);

        var violation = Assert.Single(Violations(e));
        Assert.Equal(("REFUSAL_CODE_INVALID_VALUE", "working_days"), (violation.Reason, violation.Field));
        Assert.Contains("from 0 to 3660", violation.Description, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("11", "outside the province")]
    [InlineData("5301x", "not digits")]
    [InlineData("5301021", "too long")]
    public async Task ASubscriptionOutsideTheProvinceOrMalformed_IsAnInvalidJurisdiction(string jurisdiction, string why)
    {
        using var call = fixture.Departments.SubscribeWorkItems(new P.SubscribeWorkItemsRequest { Department = P.Department.Tax, Jurisdiction = jurisdiction });

        var e = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext());

        Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
        Assert.True(Requests.Reasons(e).Contains("REFUSAL_CODE_INVALID_VALUE"), why);
    }

    public static TheoryData<string, Func<GatewayFixture, Task>> FarDates() => new()
    {
        { "deadline accepted 9999-12-31", f => f.Calendar.GetDeadlineAsync(new P.GetDeadlineRequest { AcceptedAt = Timestamp.FromDateTimeOffset(new DateTimeOffset(9999, 12, 31, 0, 0, 0, TimeSpan.Zero)), WorkingDays = 2 }).ResponseAsync },
        { "deadline accepted 0001-01-01", f => f.Calendar.GetDeadlineAsync(new P.GetDeadlineRequest { AcceptedAt = Timestamp.FromDateTimeOffset(DateTimeOffset.MinValue), WorkingDays = 2 }).ResponseAsync },
        { "deadline at 2199-12-31 20:00 UTC (2200 in Beijing)", f => f.Calendar.GetDeadlineAsync(new P.GetDeadlineRequest { AcceptedAt = Timestamp.FromDateTimeOffset(new DateTimeOffset(2199, 12, 31, 20, 0, 0, TimeSpan.Zero)), WorkingDays = 2 }).ResponseAsync },
        { "deadline with seconds past the year 9999", f => f.Calendar.GetDeadlineAsync(new P.GetDeadlineRequest { AcceptedAt = new Timestamp { Seconds = 253_402_300_800 }, WorkingDays = 2 }).ResponseAsync },
        { "deadline with negative nanos", f => f.Calendar.GetDeadlineAsync(new P.GetDeadlineRequest { AcceptedAt = new Timestamp { Seconds = 1_790_000_000, Nanos = -1 }, WorkingDays = 2 }).ResponseAsync },
        { "add working days from 9999-12-30", f => f.Calendar.AddWorkingDaysAsync(new P.AddWorkingDaysRequest { Start = "9999-12-30", WorkingDays = 5 }).ResponseAsync },
        { "add working days from 0001-01-01", f => f.Calendar.AddWorkingDaysAsync(new P.AddWorkingDaysRequest { Start = "0001-01-01", WorkingDays = 5 }).ResponseAsync },
        { "count working days to 9999-12-31", f => f.Calendar.CountWorkingDaysAsync(new P.CountWorkingDaysRequest { From = "9999-12-01", To = "9999-12-31" }).ResponseAsync },
        { "count working days from 0001-01-01", f => f.Calendar.CountWorkingDaysAsync(new P.CountWorkingDaysRequest { From = "0001-01-01", To = "0001-01-31" }).ResponseAsync },
        { "search accepted up to 9999-12-31", f => f.Queries.SearchApplicationsAsync(new P.SearchApplicationsRequest { AcceptedTo = "9999-12-31" }).ResponseAsync },
        { "search accepted from 0001-01-01", f => f.Queries.SearchApplicationsAsync(new P.SearchApplicationsRequest { AcceptedFrom = "0001-01-01" }).ResponseAsync },
    };

    [Theory]
    [MemberData(nameof(FarDates))]
    public async Task ADateOrTimestampOutsideTheCalendarsRange_IsInvalidArgument_NeverInternal(string name, Func<GatewayFixture, Task> call)
    {
        var e = await Assert.ThrowsAsync<RpcException>(() => call(fixture));

        Assert.True(e.StatusCode == StatusCode.InvalidArgument, $"{name}: {e.Status}");
        Assert.Contains("REFUSAL_CODE_DATE_INVALID", Requests.Reasons(e));
    }

    [Fact]
    public async Task ADeadlineInAYearWithNoLoadedSchedule_IsAnsweredAndFlaggedProvisional_NeverRefused()
    {
        // No test loads 2150; a year without an official schedule counts weekends only and says so.
        var deadline = await fixture.Calendar.GetDeadlineAsync(new P.GetDeadlineRequest
        {
            AcceptedAt = Timestamp.FromDateTimeOffset(new DateTimeOffset(2150, 3, 2, 10, 0, 0, TimeSpan.FromHours(8))),
            WorkingDays = 2,
        });

        Assert.True(deadline.Deadline.Provisional);
        Assert.Equal("2150-03-04", deadline.Deadline.Day);
    }

    [Fact]
    public async Task AWrongCheckCharacter_StillLeavesEveryOtherRefusalInTheSameAnswer()
    {
        var details = Requests.AllNine();
        var valid = details.IdentityNumber;
        details.IdentityNumber = valid[..17] + (valid[17] == '0' ? '1' : '0');
        details.Declaration.FullTimeStudent = true;
        details.Declaration.HasEmployerMedicalInsurance = true;

        var answer = await fixture.Applications.PrecheckApplicationAsync(new P.PrecheckApplicationRequest { Details = details });

        Assert.Equal(P.PrecheckVerdict.NotAccepted, answer.Verdict);
        Assert.Equal(
            [P.RefusalCode.IdentityCheckCharacter, P.RefusalCode.FullTimeStudent, P.RefusalCode.EmployerMedicalInsured],
            answer.Refusals.Select(r => r.Code).Order().ToArray());
    }

    [Fact]
    public async Task ARetryWithTheSameRequestIdButADifferentBody_IsRefusedAsReused_AndChangesNothing()
    {
        var first = Requests.Submit();
        var submitted = (await fixture.Applications.SubmitApplicationAsync(first)).Application;

        var sameAgain = await fixture.Applications.SubmitApplicationAsync(first);
        var different = first.Clone();
        different.Details.CountyCode = "530103";
        var reused = await Assert.ThrowsAsync<RpcException>(() => fixture.Applications.SubmitApplicationAsync(different).ResponseAsync);

        Assert.True(sameAgain.Replayed);
        Assert.Equal(submitted.Number, sameAgain.Application.Number);
        Assert.Equal(StatusCode.FailedPrecondition, reused.StatusCode);
        Assert.Contains("REFUSAL_CODE_REQUEST_ID_REUSED", Requests.Reasons(reused));

        var withdrawal = new P.WithdrawApplicationRequest { RequestId = Requests.Id(), Number = submitted.Number, Reason = "moved away" };
        var withdrawn = (await fixture.Applications.WithdrawApplicationAsync(withdrawal)).Application;
        var otherReason = await Assert.ThrowsAsync<RpcException>(() =>
            fixture.Applications.WithdrawApplicationAsync(new P.WithdrawApplicationRequest { RequestId = withdrawal.RequestId, Number = submitted.Number, Reason = "changed my mind" }).ResponseAsync);

        Assert.Contains("REFUSAL_CODE_REQUEST_ID_REUSED", Requests.Reasons(otherReason));
        Assert.True((await fixture.Applications.WithdrawApplicationAsync(withdrawal)).Replayed);
        Assert.Equal(withdrawn, (await fixture.Applications.GetApplicationAsync(new P.GetApplicationRequest { Number = submitted.Number })).Application);
    }

    [Fact]
    public async Task DepartmentTextsAreHeldToTheirLimits_BeforeAnythingChanges()
    {
        var number = (await fixture.Applications.SubmitApplicationAsync(Requests.Submit())).Application.Number;
        var claim = new P.ClaimMatterRequest { RequestId = Requests.Id(), Number = number, Matter = P.Matter.MedicalInsurance, Department = P.Department.MedicalSecurity, Handler = "yb\u0000-01" };

        var badHandler = await Assert.ThrowsAsync<RpcException>(() => fixture.Departments.ClaimMatterAsync(claim).ResponseAsync);
        claim.Handler = "yb-01";
        claim.RequestId = Requests.Id();
        await fixture.Departments.ClaimMatterAsync(claim);
        var tooManyDocuments = await Assert.ThrowsAsync<RpcException>(() => fixture.Departments.CompleteMatterAsync(new P.CompleteMatterRequest
        {
            RequestId = Requests.Id(), Number = number, Matter = P.Matter.MedicalInsurance, Department = P.Department.MedicalSecurity,
            Result = new P.MatterResult { Number = "YB-1", Documents = { Enumerable.Range(0, 21).Select(i => $"doc://{i}") } },
        }).ResponseAsync);
        var longReason = await Assert.ThrowsAsync<RpcException>(() => fixture.Departments.RejectMatterAsync(new P.RejectMatterRequest
        {
            RequestId = Requests.Id(), Number = number, Matter = P.Matter.MedicalInsurance, Department = P.Department.MedicalSecurity, Reason = new string('因', 501),
        }).ResponseAsync);

        Assert.Equal(("REFUSAL_CODE_INVALID_CHARACTER", "handler"), (Violations(badHandler).Single().Reason, Violations(badHandler).Single().Field));
        Assert.Equal(("REFUSAL_CODE_INVALID_VALUE", "result.documents"), (Violations(tooManyDocuments).Single().Reason, Violations(tooManyDocuments).Single().Field));
        Assert.Equal(("REFUSAL_CODE_TOO_LONG", "reason"), (Violations(longReason).Single().Reason, Violations(longReason).Single().Field));
        var matter = (await fixture.Applications.GetApplicationAsync(new P.GetApplicationRequest { Number = number })).Application.Matters.Single(m => m.Matter == P.Matter.MedicalInsurance);
        Assert.Equal((P.MatterStatus.Claimed, "yb-01"), (matter.Status, matter.Handler));
    }
}
