using System.Text.RegularExpressions;
using Grpc.Core;
using LingHuo.Domain;
using LingHuo.Domain.Calendar;
using LingHuo.Domain.Identity;
using LingHuo.Grains;

namespace LingHuo.Gateway;

/// <summary>Checks shared by the services, each failing with the right status before any grain is called.</summary>
public static partial class Calls
{
    public const int MaxRequestIdLength = 64;

    public static void RequireRequestId(string? requestId)
    {
        if (string.IsNullOrWhiteSpace(requestId) || requestId.Length > MaxRequestIdLength || requestId.Any(char.IsControl))
        {
            throw Errors.Refused(Refusals.Required("requestId", "请求编号（1–64 个字符）", "request id (1–64 characters)"));
        }
    }

    public static void RequireNumber(string? number)
    {
        if (number is null || !NumberPattern().IsMatch(number))
        {
            throw Errors.Refused(Refusals.Required("number", "申请编号（如 530102-20261128-000123）", "application number (like 530102-20261128-000123)"));
        }
    }

    public static IdentityNumber RequireIdentity(string? text, TimeProvider clock, string field = "identityNumber")
    {
        var parsed = IdentityNumber.Parse(text, BeijingTime.DateOf(clock.GetUtcNow()), field);
        return parsed.TryGetValue(out var identity) ? identity : throw Errors.Refused(parsed.Refusals);
    }

    /// <summary>The application a command produced, or the refusal as a gRPC error.</summary>
    public static Domain.Cases.Application Unwrap(CaseResult result, string fieldPrefix = "") =>
        result.IsOk ? result.Application! : throw Errors.Refused(result.Refusals, fieldPrefix);

    [GeneratedRegex(@"^\d{6}-\d{8}-\d{6,}$", RegexOptions.CultureInvariant)]
    private static partial Regex NumberPattern();
}
