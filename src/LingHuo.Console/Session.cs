using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using P = LingHuo.Protos.V1;

namespace LingHuo.Console;

/// <summary>
/// The signed-in person's calls to the gateway: their token is held here, on the server, and never reaches the
/// browser (<see cref="Gateway.TokenForAsync"/>: the province's sign-on, or the development key).
/// </summary>
public sealed class Session(AuthenticationStateProvider authentication, Gateway gateway, TimeProvider clock)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);
    private (string Token, DateTimeOffset Until)? _token;

    public async Task<ClaimsPrincipal> UserAsync() => (await authentication.GetAuthenticationStateAsync()).User;

    public async Task<P.ApplicationService.ApplicationServiceClient> ApplicationsAsync() => new(gateway.As(await TokenAsync()));

    public async Task<P.QueryService.QueryServiceClient> QueriesAsync() => new(gateway.As(await TokenAsync()));

    /// <summary>The services without a token (progress lookup, verification), for anyone.</summary>
    public P.PublicService.PublicServiceClient Public() => new(gateway.As(null));

    private async Task<string> TokenAsync()
    {
        var now = clock.GetUtcNow();
        if (_token is { } cached && cached.Until > now.AddMinutes(5))
        {
            return cached.Token;
        }

        var token = await gateway.TokenForAsync(await UserAsync(), now, Lifetime);
        _token = (token, now + Lifetime);
        return token;
    }
}
