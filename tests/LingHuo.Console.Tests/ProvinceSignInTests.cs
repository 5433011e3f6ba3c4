using System.Diagnostics;
using System.Net;
using LingHuo.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace LingHuo.Console.Tests;

/// <summary>
/// Production sign-in is the province's OpenID Connect provider: configured, the console sends people there (code flow
/// with PKCE) and offers no development sign-in; configured together with the development key, it refuses to start.
/// </summary>
public sealed class ProvinceSignInTests
{
    [Fact]
    public async Task WithAProviderConfigured_APageSendsPeopleToItsSignIn_WithPkce_AndTheDevelopmentSignInIsGone()
    {
        await using var provider = await DiscoveryOnlyProviderAsync();
        var address = new Uri($"http://127.0.0.1:{FreePorts.Next()}");
        using var console = await ConsoleProcess.StartAsync(address, Province(provider.Urls.Single()));
        try
        {
            using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = address };

            using var challenge = await http.GetAsync(new Uri("/queue", UriKind.Relative));
            Assert.Equal(HttpStatusCode.Found, challenge.StatusCode);
            var authorize = challenge.Headers.Location!;
            Assert.StartsWith(provider.Urls.Single() + "/authorize?", authorize.ToString(), StringComparison.Ordinal);
            var query = System.Web.HttpUtility.ParseQueryString(authorize.Query);
            Assert.Equal("linghuo-console", query["client_id"]);
            Assert.Equal("code", query["response_type"]);
            Assert.Equal("S256", query["code_challenge_method"]);
            Assert.Contains("linghuo-api", query["scope"]!.Split(' '));
            Assert.Equal(new Uri(address, "/signin-oidc").ToString(), query["redirect_uri"]);

            using var button = await http.GetAsync(new Uri("/signin/province", UriKind.Relative));
            Assert.StartsWith(provider.Urls.Single() + "/authorize?", button.Headers.Location!.ToString(), StringComparison.Ordinal);

            var signIn = WebUtility.HtmlDecode(await http.GetStringAsync(new Uri("/signin", UriKind.Relative)));
            Assert.Contains("前往统一身份认证平台登录", signIn, StringComparison.Ordinal);
            Assert.DoesNotContain("开发密钥", signIn, StringComparison.Ordinal);
        }
        finally
        {
            console.Kill(entireProcessTree: true);
            await console.WaitForExitAsync();
        }
    }

    [Fact]
    public async Task TheProviderAndTheDevelopmentKeyTogether_AreRefusedAtStart()
    {
        var settings = Province("https://sso.example.gov.cn");
        settings["LingHuo__Console__DevelopmentKeyFile"] = "/nonexistent/dev.pem";
        using var console = ConsoleProcess.Start(new Uri($"http://127.0.0.1:{FreePorts.Next()}"), settings);
        var error = console.StandardError.ReadToEndAsync();
        var output = console.StandardOutput.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await console.WaitForExitAsync(deadline.Token);

        Assert.NotEqual(0, console.ExitCode);
        Assert.Contains("not both", await error + await output, StringComparison.Ordinal);
    }

    private static Dictionary<string, string> Province(string authority) => new()
    {
        ["LingHuo__Console__Gateway"] = "http://127.0.0.1:9",
        ["LingHuo__Console__Oidc__Authority"] = authority,
        ["LingHuo__Console__Oidc__ClientId"] = "linghuo-console",
        ["LingHuo__Console__Oidc__Scopes__0"] = "linghuo-api",
        ["LingHuo__Console__Oidc__AllowHttpAuthority"] = "true",
    };

    // What the console reads of a provider before anyone signs in: its discovery document (and its keys, none here).
    private static async Task<WebApplication> DiscoveryOnlyProviderAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        app.MapGet("/.well-known/openid-configuration", (HttpContext context) =>
        {
            var issuer = $"{context.Request.Scheme}://{context.Request.Host}";
            return Results.Json(new Dictionary<string, object>
            {
                ["issuer"] = issuer,
                ["authorization_endpoint"] = issuer + "/authorize",
                ["token_endpoint"] = issuer + "/token",
                ["jwks_uri"] = issuer + "/jwks",
                ["response_types_supported"] = new[] { "code" },
                ["subject_types_supported"] = new[] { "public" },
                ["id_token_signing_alg_values_supported"] = new[] { "ES256" },
                ["code_challenge_methods_supported"] = new[] { "S256" },
            });
        });
        app.MapGet("/jwks", () => Results.Json(new { keys = Array.Empty<object>() }));
        await app.StartAsync();
        return app;
    }
}
