using Grpc.Core;

namespace LingHuo.Console;

/// <summary>What the gateway refused, as people read it: one line per problem, in their language.</summary>
public static class Problems
{
    public static IReadOnlyList<string> Of(RpcException e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var status = e.GetRpcStatus();
        var lines = new List<string>();
        foreach (var detail in status?.Details ?? [])
        {
            if (detail.Is(Google.Rpc.BadRequest.Descriptor))
            {
                lines.AddRange(detail.Unpack<Google.Rpc.BadRequest>().FieldViolations.Select(v => InTheirLanguage(v.Description)));
            }
            else if (detail.Is(Google.Rpc.PreconditionFailure.Descriptor))
            {
                lines.AddRange(detail.Unpack<Google.Rpc.PreconditionFailure>().Violations.Select(v => InTheirLanguage(v.Description)));
            }
        }

        if (lines.Count == 0)
        {
            lines.Add(InTheirLanguage(status?.Message ?? e.Status.Detail));
        }

        return lines;
    }

    // The gateway writes "CODE: English / 中文" (or "English / 中文"): the person reads their language's half.
    private static string InTheirLanguage(string text)
    {
        var split = text.LastIndexOf(" / ", StringComparison.Ordinal);
        if (split < 0)
        {
            return text;
        }

        if (!Texts.English)
        {
            return text[(split + 3)..];
        }

        var english = text[..split];
        return english.IndexOf(": ", StringComparison.Ordinal) is var code and > 0 && english[..code].All(c => char.IsAsciiLetterUpper(c) || c == '_') ? english[(code + 2)..] : english;
    }
}
