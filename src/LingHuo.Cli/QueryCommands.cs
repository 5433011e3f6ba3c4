using System.CommandLine;
using P = LingHuo.Protos.V1;

namespace LingHuo.Cli;

/// <summary>Supervisors' and operators' views: search over the read model, and the SLA overview.</summary>
internal static class QueryCommands
{
    public static IEnumerable<Command> Create(CliApp app)
    {
        var county = new Option<string>("--county") { Description = "County division code or prefix, e.g. 5301." };
        var status = new Option<string>("--status") { Description = "PRE_CHECK, SUPPLEMENT_REQUIRED, ACCEPTED or CLOSED." };
        var matter = new Option<string>("--matter") { Description = "Applications including this matter." };
        var department = new Option<string>("--department") { Description = "Applications with a matter of this department." };
        var sla = new Option<string>("--sla") { Description = "ON_TIME, DUE_SOON or BREACHED (open applications)." };
        var from = new Option<string>("--accepted-from") { Description = "YYYY-MM-DD, Beijing time." };
        var to = new Option<string>("--accepted-to") { Description = "YYYY-MM-DD, inclusive." };
        var size = new Option<int>("--page-size") { Description = "1-200.", DefaultValueFactory = _ => 50 };
        var token = new Option<string>("--page-token") { Description = "The token a previous page printed." };
        var search = new Command("search", "Search applications (newest first, in stable pages).") { county, status, matter, department, sla, from, to, size, token };
        app.Action(search, async (parse, clients, print, ct) =>
        {
            var request = new P.SearchApplicationsRequest
            {
                CountyPrefix = parse.GetValue(county) ?? "",
                AcceptedFrom = parse.GetValue(from) ?? "",
                AcceptedTo = parse.GetValue(to) ?? "",
                PageSize = parse.GetValue(size),
                PageToken = parse.GetValue(token) ?? "",
            };
            if (parse.GetValue(status) is { } s)
            {
                request.Status = Names.Parse<P.ApplicationStatus>(s, "status");
            }

            if (parse.GetValue(matter) is { } m)
            {
                request.Matter = Names.Parse<P.Matter>(m, "matter");
            }

            if (parse.GetValue(department) is { } d)
            {
                request.Department = Names.Parse<P.Department>(d, "department");
            }

            if (parse.GetValue(sla) is { } state)
            {
                request.SlaState = Names.Parse<P.SlaState>(state, "SLA state");
            }

            var answer = await clients.Queries.SearchApplicationsAsync(request, cancellationToken: ct);
            print.Message(answer, () =>
            {
                print.Table(
                    ["number", "status", "SLA", "applicant", "done"],
                    answer.Applications.Select(a => (IReadOnlyList<string>)
                    [
                        a.Number,
                        Names.Short(a.Status) + (a.Outcome == P.ApplicationOutcome.Unspecified ? "" : " " + Names.Short(a.Outcome)),
                        a.SlaState == P.SlaState.Unspecified ? "" : Names.Short(a.SlaState),
                        a.ApplicantMaskedId,
                        $"{a.Matters.Count(x => x.Status is P.MatterStatus.Completed or P.MatterStatus.Rejected or P.MatterStatus.Cancelled)}/{a.Matters.Count}",
                    ]));
                if (answer.NextPageToken.Length > 0)
                {
                    print.Line($"next page: --page-token {answer.NextPageToken}");
                }
            });
            return 0;
        });

        var overviewCounty = new Option<string>("--county") { Description = "County division code or prefix." };
        var overview = new Command("sla", "Open applications per county and department: on time, due soon, breached.") { overviewCounty };
        app.Action(overview, async (parse, clients, print, ct) =>
        {
            var answer = await clients.Queries.GetSlaOverviewAsync(new P.GetSlaOverviewRequest { CountyPrefix = parse.GetValue(overviewCounty) ?? "" }, cancellationToken: ct);
            print.Message(answer, () => print.Table(
                ["county", "department", "on time", "due soon", "breached"],
                answer.Rows.Select(r => (IReadOnlyList<string>)
                [
                    r.CountyCode, Names.Short(r.Department),
                    r.OnTime.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    r.DueSoon.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    r.Breached.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ])));
            return 0;
        });

        return [search, overview];
    }
}
