using System.Security.Claims;
using LingHuo.Console.Components;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Localization;
using LingHuo.Contracts;
using MudBlazor.Services;
using P = LingHuo.Protos.V1;

namespace LingHuo.Console;

public static class ConsoleHost
{
    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        var settings = builder.Configuration.GetSection(ConsoleSettings.Section).Get<ConsoleSettings>() ?? new ConsoleSettings();
        if (settings.Problem() is { } problem)
        {
            throw new InvalidOperationException(problem);
        }

        builder.Services.AddSingleton(settings);
        if (settings.DataProtectionKeysDirectory is { Length: > 0 } keys)
        {
            // Replicas that share the key ring read each other's sign-in cookies, so a person stays signed in when the
            // load balancer sends the next page to another replica.
            builder.Services.AddDataProtection().SetApplicationName("linghuo-console").PersistKeysToFileSystem(new DirectoryInfo(keys));
        }

        builder.Services.AddHealthChecks();
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddMudServices();
        // Chinese written as itself in the HTML, not as character references three times its size.
        builder.Services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(o =>
            o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        builder.Services.AddCascadingAuthenticationState();
        var oidc = settings.Oidc;
        var authentication = builder.Services.AddAuthentication(o =>
            {
                o.DefaultScheme = CookieAuthenticationDefaults.AuthenticationScheme;
                o.DefaultChallengeScheme = oidc.IsConfigured ? OpenIdConnectDefaults.AuthenticationScheme : CookieAuthenticationDefaults.AuthenticationScheme;
            })
            .AddCookie(o =>
            {
                o.LoginPath = "/signin";
                o.Cookie.Name = "linghuo.console";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = oidc.IsConfigured ? SameSiteMode.Lax : SameSiteMode.Strict; // the provider's redirect back is cross-site
                o.ExpireTimeSpan = TimeSpan.FromHours(8);
            });
        if (oidc.IsConfigured)
        {
            authentication.AddOpenIdConnect(o =>
            {
                o.Authority = oidc.Authority;
                o.ClientId = oidc.ClientId;
                o.ClientSecret = oidc.ClientSecretFile is { } secret ? File.ReadAllText(secret).Trim() : null;
                o.ResponseType = "code";
                o.UsePkce = true;
                o.RequireHttpsMetadata = !oidc.AllowHttpAuthority;
                o.MapInboundClaims = false;
                o.UseTokenLifetime = true; // the session ends with the access token it calls the gateway with
                o.TokenValidationParameters.NameClaimType = "name";
                o.TokenValidationParameters.RoleClaimType = CallerTokens.RoleClaim;
                foreach (var scope in oidc.Scopes)
                {
                    o.Scope.Add(scope);
                }

                // The access token rides in the (encrypted) cookie: calls from the interactive circuit have no HttpContext to read it from.
                o.Events.OnTokenValidated = context =>
                {
                    if (context.TokenEndpointResponse?.AccessToken is { } token && context.Principal?.Identity is ClaimsIdentity identity)
                    {
                        identity.AddClaim(new Claim(Gateway.AccessTokenClaim, token));
                    }

                    return Task.CompletedTask;
                };
            });
        }

        builder.Services.AddAuthorization();
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddSingleton<Gateway>();
        builder.Services.AddScoped<Session>();

        var app = builder.Build();
        app.UseStatusCodePagesWithReExecute("/not-found");
        // Chinese unless the person switched (the cookie); the browser's own language does not flip a government console.
        app.UseRequestLocalization(o =>
        {
            o.SetDefaultCulture("zh-CN").AddSupportedCultures("zh-CN", "en").AddSupportedUICultures("zh-CN", "en");
            o.RequestCultureProviders = [new CookieRequestCultureProvider()];
        });
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.MapStaticAssets();
        app.MapHealthChecks("/healthz").AllowAnonymous();
        app.MapPost("/signout", async (HttpContext context) =>
        {
            await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return Results.Redirect("/signin");
        });
        if (settings.Oidc.IsConfigured)
        {
            // Sign-in at the province's provider, back to where the person was going (a local path only).
            app.MapGet("/signin/province", (string? returnUrl) => Results.Challenge(
                new AuthenticationProperties { RedirectUri = returnUrl is ['/', not '/', ..] ? returnUrl : "/" }, [OpenIdConnectDefaults.AuthenticationScheme]));
        }

        app.MapGet("/language/{culture}", (string culture, string? back, HttpContext context) =>
        {
            if (culture is not ("zh-CN" or "en"))
            {
                return Results.BadRequest("zh-CN or en");
            }

            context.Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName, CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
                new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Lax, MaxAge = TimeSpan.FromDays(365), IsEssential = true });
            return Results.Redirect(back is ['/', not '/', ..] ? back : "/");
        });
        app.MapGet("/documents/{documentNumber}.pdf", DocumentAsync).RequireAuthorization();
        app.MapGet("/applications/{number}/materials/{material}", MaterialAsync).RequireAuthorization();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }

    /// <summary>A notice or certificate as issued, for the signed-in person to print or keep (their access as the gateway judges it).</summary>
    private static Task<IResult> DocumentAsync(string documentNumber, HttpContext context, Gateway gateway, TimeProvider clock) =>
        FileAsync(context, gateway, clock, Texts.L("没有您可查看的该文书", "No such document of yours"), async (applications, cancel) =>
        {
            var document = await applications.GetDocumentAsync(new P.GetDocumentRequest { DocumentNumber = documentNumber, Purpose = "打印、留存文书" }, cancellationToken: cancel);
            return Results.File(document.Pdf.ToByteArray(), "application/pdf", documentNumber + ".pdf");
        });

    /// <summary>An uploaded material as handed in (the photo, a PDF), shown in the browser for review; the gateway audits the read.</summary>
    private static Task<IResult> MaterialAsync(string number, P.Material material, HttpContext context, Gateway gateway, TimeProvider clock) =>
        FileAsync(context, gateway, clock, Texts.L("没有您可查看的该材料", "No such material you may see"), async (applications, cancel) =>
        {
            var file = await applications.GetMaterialAsync(new P.GetMaterialRequest { Number = number, Material = material, Purpose = "受理审查" }, cancellationToken: cancel);
            return Results.File(file.Content.ToByteArray(), file.File.MediaType);
        });

    // A file read through the gateway as the signed-in person: what they may not see is simply not there.
    private static async Task<IResult> FileAsync(HttpContext context, Gateway gateway, TimeProvider clock, string notFound, Func<P.ApplicationService.ApplicationServiceClient, CancellationToken, Task<IResult>> read)
    {
        var token = await gateway.TokenForAsync(context.User, clock.GetUtcNow(), TimeSpan.FromMinutes(5));
        try
        {
            return await read(new P.ApplicationService.ApplicationServiceClient(gateway.As(token)), context.RequestAborted);
        }
        catch (Grpc.Core.RpcException e) when (e.StatusCode is Grpc.Core.StatusCode.NotFound or Grpc.Core.StatusCode.InvalidArgument or Grpc.Core.StatusCode.PermissionDenied)
        {
            return Results.NotFound(notFound);
        }
    }

    /// <summary>Who is signed in, as the cookie carries it (no token: tokens are minted on the server per call).</summary>
    public static ClaimsPrincipal Principal(string role, string subject, string? county = null, string? applicantKey = null) =>
        new(new ClaimsIdentity(
            [
                new Claim(ClaimTypes.Role, role), new Claim(ClaimTypes.Name, subject),
                .. county is null ? Array.Empty<Claim>() : [new Claim("county", county)],
                .. applicantKey is null ? Array.Empty<Claim>() : [new Claim("applicant", applicantKey)],
            ],
            CookieAuthenticationDefaults.AuthenticationScheme));
}
