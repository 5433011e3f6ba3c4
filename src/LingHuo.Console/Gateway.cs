using System.Security.Claims;
using Grpc.Core;
using Grpc.Net.Client;
using LingHuo.Contracts;

namespace LingHuo.Console;

/// <summary>
/// The one channel to the gateway (HTTP/2 gRPC), shared by every user's calls, and the tokens those calls carry: minted
/// here for the signed-in person (development sign-in: the development key), never sent to the browser.
/// </summary>
public sealed class Gateway(ConsoleSettings settings) : IDisposable
{
    private readonly GrpcChannel _channel = GrpcChannel.ForAddress(settings.Gateway);

    public CallInvoker As(string? token) => GatewayCalls.Over(_channel, token);

    public async Task<string> TokenForAsync(ClaimsPrincipal user, DateTimeOffset now, TimeSpan lifetime)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (!settings.HasDevelopmentSignIn || user.Identity?.IsAuthenticated != true)
        {
            throw new InvalidOperationException("Not signed in / 未登录");
        }

        var role = Enum.Parse<CallerRole>(user.FindFirstValue(ClaimTypes.Role)!, ignoreCase: true);
        var claims = CallerTokens.Claims(role, user.Identity.Name!, applicantKey: user.FindFirstValue("applicant"), county: role == CallerRole.Clerk ? user.FindFirstValue("county") : null);
        return CallerTokens.Mint(await File.ReadAllTextAsync(settings.DevelopmentKeyFile!), settings.DevelopmentKeyId, settings.DevelopmentIssuer, claims, now, lifetime);
    }

    public void Dispose() => _channel.Dispose();
}
