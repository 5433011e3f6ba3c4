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
                lines.AddRange(detail.Unpack<Google.Rpc.BadRequest>().FieldViolations.Select(v => v.Description));
            }
        }

        if (lines.Count == 0)
        {
            var message = status?.Message ?? e.Status.Detail;
            lines.Add(message.Split(" / ") is [var english, var chinese] ? $"{chinese}（{english}）" : message);
        }

        return lines;
    }
}
