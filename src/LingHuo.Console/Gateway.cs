using System.Security.Claims;
using Grpc.Core;
using Grpc.Net.Client;
using LingHuo.Contracts;

namespace LingHuo.Console;

/// <summary>
/// The one channel to the gateway (HTTP/2 gRPC), shared by every user's calls, and the tokens those calls carry: minted
/// by the province's provider or, in development, here with the development key; never sent to the browser.
/// </summary>
public sealed class Gateway(ConsoleSettings settings) : IDisposable
{
    private readonly GrpcChannel _channel = GrpcChannel.ForAddress(settings.Gateway);

    public CallInvoker As(string? token) => GatewayCalls.Over(_channel, token);

    /// <summary>Where a person signed in at the province's provider keeps the access token their calls carry.</summary>
    public const string AccessTokenClaim = "linghuo:access_token";

    /// <summary>
    /// The token the signed-in person's calls carry: the provider's access token (production), or one minted here with
    /// the development key (development sign-in).
    /// </summary>
    public async Task<string> TokenForAsync(ClaimsPrincipal user, DateTimeOffset now, TimeSpan lifetime)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (user.Identity?.IsAuthenticated != true)
        {
            throw new InvalidOperationException("Not signed in / 未登录");
        }

        if (user.FindFirstValue(AccessTokenClaim) is { } issued)
        {
            return issued;
        }

        if (!settings.HasDevelopmentSignIn)
        {
            throw new InvalidOperationException("Signed in without a token for the gateway / 登录未携带访问令牌");
        }

        var role = Enum.Parse<CallerRole>(user.FindFirstValue(ClaimTypes.Role)!, ignoreCase: true);
        var claims = CallerTokens.Claims(role, user.Identity.Name!, applicantKey: user.FindFirstValue("applicant"), county: role == CallerRole.Clerk ? user.FindFirstValue("county") : null);
        return CallerTokens.Mint(await File.ReadAllTextAsync(settings.DevelopmentKeyFile!), settings.DevelopmentKeyId, settings.DevelopmentIssuer, claims, now, lifetime);
    }

    public void Dispose() => _channel.Dispose();
}
