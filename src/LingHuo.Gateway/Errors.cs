using System.Collections.Immutable;
using System.Text;
using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;
using LingHuo.Domain;

namespace LingHuo.Gateway;

/// <summary>
/// Refusals become gRPC errors with machine-readable details: BadRequest field violations for INVALID_ARGUMENT,
/// PreconditionFailure for FAILED_PRECONDITION, and always ErrorInfo (reason = the proto RefusalCode name) and the
/// Chinese text as a LocalizedMessage. The status message is English / Chinese. No identity number is ever in them.
/// </summary>
public static class Errors
{
    public const string Domain = "linghuo.v1";

    public static RpcException Refused(ImmutableArray<Refusal> refusals, string fieldPrefix = "")
    {
        if (refusals.IsDefaultOrEmpty)
        {
            throw new ArgumentException("Nothing was refused.", nameof(refusals));
        }

        var code = StatusOf(refusals);
        var status = new Google.Rpc.Status
        {
            Code = (int)code,
            Message = Summary(refusals, r => r.MessageEn) + " / " + Summary(refusals, r => r.MessageZh),
        };

        switch (code)
        {
            case Code.InvalidArgument:
                var badRequest = new BadRequest();
                badRequest.FieldViolations.AddRange(refusals.Select(r => new BadRequest.Types.FieldViolation
                {
                    Field = FieldPath(fieldPrefix, r.Field),
                    Description = $"{ProtoName(r.Code)}: {r.MessageEn} / {r.MessageZh}",
                    Reason = ProtoName(r.Code),
                }));
                status.Details.Add(Any.Pack(badRequest));
                break;
            case Code.FailedPrecondition:
                var failure = new PreconditionFailure();
                failure.Violations.AddRange(refusals.Select(r => new PreconditionFailure.Types.Violation
                {
                    Type = ProtoName(r.Code),
                    Subject = FieldPath(fieldPrefix, r.Field),
                    Description = $"{r.MessageEn} / {r.MessageZh}",
                }));
                status.Details.Add(Any.Pack(failure));
                break;
        }

        status.Details.Add(Any.Pack(new ErrorInfo { Reason = ProtoName(refusals[0].Code), Domain = Domain }));
        status.Details.Add(Any.Pack(new LocalizedMessage { Locale = "zh-CN", Message = Summary(refusals, r => r.MessageZh) }));
        return status.ToRpcException();
    }

    public static RpcException Refused(Refusal refusal, string fieldPrefix = "") => Refused([refusal], fieldPrefix);

    public static RpcException Unavailable(string english, string chinese) =>
        new Google.Rpc.Status
        {
            Code = (int)Code.Unavailable,
            Message = $"{english} / {chinese}",
            Details = { Any.Pack(new ErrorInfo { Reason = "STORAGE_UNAVAILABLE", Domain = Domain }) },
        }.ToRpcException();

    public static RpcException NotFound(string reason, string english, string chinese) => WithReason(Code.NotFound, reason, english, chinese);

    public static RpcException Precondition(string reason, string english, string chinese) => WithReason(Code.FailedPrecondition, reason, english, chinese);

    private static RpcException WithReason(Code code, string reason, string english, string chinese) =>
        new Google.Rpc.Status
        {
            Code = (int)code,
            Message = $"{english} / {chinese}",
            Details = { Any.Pack(new ErrorInfo { Reason = reason, Domain = Domain }) },
        }.ToRpcException();

    /// <summary>Data that escaped validation and that the store refused: not an outage, so no retry is invited.</summary>
    public static RpcException StorageRefusedData() =>
        new Google.Rpc.Status
        {
            Code = (int)Code.Internal,
            Message = "The case store refused the data; nothing was applied, and a retry will fail the same way / 案件存储拒绝了该数据，本次操作未生效，重试也不会成功",
            Details = { Any.Pack(new ErrorInfo { Reason = "STORAGE_REFUSED_DATA", Domain = Domain }) },
        }.ToRpcException();

    /// <summary>
    /// A JSON body larger than the web port takes: INVALID_ARGUMENT with the limit as the body's field violation (the
    /// refusal is made before the body is read, so it never reaches a service).
    /// </summary>
    public static Google.Rpc.Status BodyTooLarge(long limit)
    {
        var megabytes = limit / 1024 / 1024;
        var english = $"The request body is larger than {megabytes} MB";
        var chinese = $"请求体超过 {megabytes} MB";
        return new Google.Rpc.Status
        {
            Code = (int)Code.InvalidArgument,
            Message = $"{english} / {chinese}",
            Details =
            {
                Any.Pack(new BadRequest { FieldViolations = { new BadRequest.Types.FieldViolation { Field = "*", Reason = "REQUEST_TOO_LARGE", Description = $"REQUEST_TOO_LARGE: {english} / {chinese}" } } }),
                Any.Pack(new ErrorInfo { Reason = "REQUEST_TOO_LARGE", Domain = Domain }),
                Any.Pack(new LocalizedMessage { Locale = "zh-CN", Message = chinese }),
            },
        };
    }

    /// <summary>A status as a JSON caller reads it (google.rpc.Status with its details spelled out), with its HTTP status.</summary>
    public static Task WriteJsonAsync(Microsoft.AspNetCore.Http.HttpResponse response, int httpStatus, Google.Rpc.Status status)
    {
        ArgumentNullException.ThrowIfNull(response);
        response.StatusCode = httpStatus;
        response.ContentType = "application/json; charset=utf-8";
        return Microsoft.AspNetCore.Http.HttpResponseWritingExtensions.WriteAsync(response,
            new Google.Protobuf.JsonFormatter(new Google.Protobuf.JsonFormatter.Settings(formatDefaultValues: false, GatewayHosting.ErrorDetails)).Format(status));
    }

    /// <summary>The status a set of refusals deserves: the most specific one wins.</summary>
    public static Code StatusOf(ImmutableArray<Refusal> refusals)
    {
        if (refusals.Any(r => r.Code == RefusalCode.ApplicationAlreadyOpen))
        {
            return Code.AlreadyExists;
        }

        if (refusals.Any(r => r.Code == RefusalCode.ApplicationNotFound))
        {
            return Code.NotFound;
        }

        return refusals.All(r => r.Code is RefusalCode.IllegalTransition or RefusalCode.WrongDepartment or RefusalCode.MatterNotChosen
            or RefusalCode.SupplementOverdue or RefusalCode.SupplementNotDue or RefusalCode.RequestIdReused
            or RefusalCode.SupplementAlreadyRequested or RefusalCode.SupplementIncomplete
            or RefusalCode.ResultNotAwaitingDelivery or RefusalCode.AlreadyRated)
            ? Code.FailedPrecondition
            : Code.InvalidArgument;
    }

    /// <summary>The proto enum value name of a refusal code, e.g. REFUSAL_CODE_IDENTITY_CHECK_CHARACTER.</summary>
    public static string ProtoName(RefusalCode code) => "REFUSAL_CODE_" + Snake(code.ToString()).ToUpperInvariant();

    /// <summary>A domain field ("facts.isFullTimeStudent", "matters[2]") as a request path ("details.declaration.full_time_student").</summary>
    public static string FieldPath(string prefix, string field)
    {
        if (string.IsNullOrEmpty(field))
        {
            return prefix.TrimEnd('.');
        }

        var path = Snake(field.Replace("facts.is", "declaration.", StringComparison.Ordinal).Replace("facts.", "declaration.", StringComparison.Ordinal));
        return prefix + path;
    }

    private static string Summary(ImmutableArray<Refusal> refusals, Func<Refusal, string> text) =>
        refusals.Length == 1 ? text(refusals[0]) : $"{text(refusals[0])} (+{refusals.Length - 1})";

    private static string Snake(string name)
    {
        var builder = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsAsciiLetterUpper(c))
            {
                if (i > 0 && name[i - 1] is not ('.' or '[' or '_'))
                {
                    builder.Append('_');
                }

                builder.Append(char.ToLowerInvariant(c));
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }
}
