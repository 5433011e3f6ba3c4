using System.Globalization;
using Google.Protobuf;
using Grpc.Core;
using P = LingHuo.Protos.V1;

namespace LingHuo.Cli;

/// <summary>Human-readable tables by default, protobuf JSON with --json; refusals explained field by field.</summary>
internal sealed class Output(TextWriter writer, TextWriter errors, bool json)
{
    private static readonly JsonFormatter Json = new(JsonFormatter.Settings.Default.WithFormatDefaultValues(false).WithIndentation());

    public bool IsJson => json;

    public void Message(IMessage message, Action human)
    {
        if (json)
        {
            writer.WriteLine(Json.Format(message));
        }
        else
        {
            human();
        }
    }

    public void Line(string text = "") => writer.WriteLine(text);

    public void Table(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows)
    {
        var all = rows.ToList();
        var widths = headers.Select((h, i) => Math.Max(Width(h), all.Count == 0 ? 0 : all.Max(r => Width(r[i])))).ToArray();
        writer.WriteLine(Row(headers, widths));
        writer.WriteLine(string.Join("  ", widths.Select(w => new string('-', w))));
        foreach (var row in all)
        {
            writer.WriteLine(Row(row, widths));
        }
    }

    public void Application(P.Application application)
    {
        Message(application, () =>
        {
            Line($"Application  {application.Number}");
            Line($"Status       {Name(application.Status)}{(application.Outcome == P.ApplicationOutcome.Unspecified ? "" : " (" + Name(application.Outcome) + ")")}");
            Line($"County       {application.CountyCode}, {Name(application.Channel)}");
            if (application.Sla is { } sla)
            {
                Line($"Committed    24:00 {sla.Committed.Day}{(sla.Committed.Provisional ? " (provisional)" : "")}");
                Line($"Statutory    24:00 {sla.Statutory.Day}{(sla.Statutory.Provisional ? " (provisional)" : "")}   SLA: {Name(sla.State)}");
            }

            if (application.ReviewDue is { } review)
            {
                Line($"Review by    24:00 {review.Day} (deemed accepted after that)");
            }

            if (application.MissingMaterials.Count > 0)
            {
                Line("Missing      " + string.Join(", ", application.MissingMaterials.Select(Name)));
            }

            if (application.SupplementDue is { } supplementDue)
            {
                Line($"Supplement   by 24:00 {supplementDue.Day}: " + string.Join("; ", application.SupplementNotice.Select(i => $"{Name(i.Material)} ({i.Reason})")));
            }

            if (application.AwaitingDelivery.Count > 0 || application.Deliveries.Count > 0)
            {
                Line($"Delivery     {(application.Delivered ? "delivered" : "awaiting " + string.Join(", ", application.AwaitingDelivery.Select(Name)))}" +
                     string.Concat(application.Deliveries.Select(d => $"; {Name(d.Kind)} {d.WaybillNumber}{(d.ConfirmedAt is null ? "" : " (received)")}")));
            }

            if (application.Rating is { } rating)
            {
                Line($"Rating       {Name(rating.Level)}{(rating.Default ? " (default)" : "")}" +
                     (application.Rectification is { } ticket ? $"; rectification due 24:00 {ticket.Due.Day}{(ticket.RespondedAt is null ? "" : ", answered")}" : ""));
            }

            Line();
            Table(
                ["#", "matter", "department", "status", "handler / result / reason"],
                application.Matters.Select(m => (IReadOnlyList<string>)
                [
                    ((int)m.Matter).ToString(CultureInfo.InvariantCulture),
                    Name(m.Matter),
                    Name(m.Department),
                    Name(m.Status) + (m.WaitsFor.Count > 0 && m.Status == P.MatterStatus.WaitingForPrerequisites ? " on " + string.Join("+", m.WaitsFor.Select(w => (int)w)) : ""),
                    string.Join(" ", new[] { m.Handler, m.Result?.Number ?? "", m.Reason }.Where(s => !string.IsNullOrEmpty(s))),
                ]));
        });
    }

    /// <summary>Explains a failed call; returns the process exit code (1 refused, 3 unavailable or failed).</summary>
    public int Failure(RpcException e)
    {
        errors.WriteLine($"{e.StatusCode}: {e.Status.Detail}");
        var status = e.GetRpcStatus();
        foreach (var detail in status?.Details ?? [])
        {
            if (detail.TryUnpack<Google.Rpc.BadRequest>(out var badRequest))
            {
                foreach (var violation in badRequest.FieldViolations)
                {
                    errors.WriteLine($"  - {violation.Field}: {violation.Description}");
                }
            }
            else if (detail.TryUnpack<Google.Rpc.PreconditionFailure>(out var failure))
            {
                foreach (var violation in failure.Violations)
                {
                    errors.WriteLine($"  - {violation.Subject}: {violation.Description}");
                }
            }
        }

        return e.StatusCode is StatusCode.InvalidArgument or StatusCode.FailedPrecondition or StatusCode.AlreadyExists or StatusCode.NotFound ? 1 : 3;
    }

    public static string Name<T>(T value)
        where T : struct, Enum =>
        Names.Short(value);

    private static int Width(string text) => text.Sum(c => c > 0x2E80 ? 2 : 1);

    private static string Row(IReadOnlyList<string> cells, int[] widths) =>
        string.Join("  ", cells.Select((c, i) => c + new string(' ', widths[i] - Width(c)))).TrimEnd();
}
