using Grpc.Core;

namespace LingHuo.Console;

/// <summary>What the gateway refused, as people read it: one line per problem, in Chinese first.</summary>
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
                lines.AddRange(detail.Unpack<Google.Rpc.BadRequest>().FieldViolations.Select(v => Chinese(v.Description)));
            }
            else if (detail.Is(Google.Rpc.PreconditionFailure.Descriptor))
            {
                lines.AddRange(detail.Unpack<Google.Rpc.PreconditionFailure>().Violations.Select(v => Chinese(v.Description)));
            }
        }

        if (lines.Count == 0)
        {
            lines.Add(Chinese(status?.Message ?? e.Status.Detail));
        }

        return lines;
    }

    // The gateway writes "CODE: English / 中文" (or "English / 中文"); people at a window read the Chinese.
    private static string Chinese(string text) => text.LastIndexOf(" / ", StringComparison.Ordinal) is var i and >= 0 ? text[(i + 3)..] : text;
}
