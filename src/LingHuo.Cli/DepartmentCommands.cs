using System.CommandLine;
using P = LingHuo.Protos.V1;

namespace LingHuo.Cli;

internal static class DepartmentCommands
{
    public static IEnumerable<Command> Create(CliApp app)
    {
        var number = new Argument<string>("number") { Description = "Application number." };
        var matter = new Option<string>("--matter") { Description = "The matter (code or 1-9).", Required = true };
        var department = new Option<string>("--department") { Description = "HUMAN_RESOURCES_SOCIAL_SECURITY, MEDICAL_SECURITY or TAX; default the matter's own." };
        var requestId = new Option<string>("--request-id") { Description = "Idempotency key; default a new id." };

        P.Matter Matter(ParseResult parse) => Names.Parse<P.Matter>(parse.GetValue(matter)!, "matter");
        P.Department Department(ParseResult parse) => parse.GetValue(department) is { } d
            ? Names.Parse<P.Department>(d, "department")
            : (P.Department)(int)Domain.Catalog.Matters.DepartmentOf((Domain.Catalog.Matter)(int)Matter(parse));
        string Id(ParseResult parse) => parse.GetValue(requestId) ?? Guid.NewGuid().ToString("N");

        var handler = new Option<string>("--handler") { Description = "Who handles it.", DefaultValueFactory = _ => Environment.UserName };
        var claim = new Command("claim", "Claim a matter that is ready for your department.") { number, matter, department, handler, requestId };
        app.Action(claim, async (parse, clients, print, ct) =>
        {
            print.Application((await clients.Departments.ClaimMatterAsync(new P.ClaimMatterRequest
            {
                RequestId = Id(parse), Number = parse.GetValue(number), Matter = Matter(parse), Department = Department(parse), Handler = parse.GetValue(handler),
            }, cancellationToken: ct)).Application);
            return 0;
        });

        var resultNumber = new Option<string>("--result-number") { Description = "The number issued (card, registration, certificate)." };
        var documents = new Option<string[]>("--document") { Description = "A document reference, repeatable." };
        var complete = new Command("complete", "Complete a claimed matter with its result.") { number, matter, department, resultNumber, documents, requestId };
        app.Action(complete, async (parse, clients, print, ct) =>
        {
            var result = new P.MatterResult { Number = parse.GetValue(resultNumber) ?? "" };
            result.Documents.AddRange(parse.GetValue(documents) ?? []);
            print.Application((await clients.Departments.CompleteMatterAsync(new P.CompleteMatterRequest
            {
                RequestId = Id(parse), Number = parse.GetValue(number), Matter = Matter(parse), Department = Department(parse), Result = result,
            }, cancellationToken: ct)).Application);
            return 0;
        });

        var reason = new Option<string>("--reason") { Description = "Why it is rejected.", Required = true };
        var reject = new Command("reject", "Reject a claimed matter; matters waiting for it are cancelled.") { number, matter, department, reason, requestId };
        app.Action(reject, async (parse, clients, print, ct) =>
        {
            print.Application((await clients.Departments.RejectMatterAsync(new P.RejectMatterRequest
            {
                RequestId = Id(parse), Number = parse.GetValue(number), Matter = Matter(parse), Department = Department(parse), Reason = parse.GetValue(reason),
            }, cancellationToken: ct)).Application);
            return 0;
        });

        return [claim, complete, reject];
    }
}
