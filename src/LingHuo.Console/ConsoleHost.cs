using System.Security.Claims;
using LingHuo.Console.Components;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using MudBlazor.Services;

namespace LingHuo.Console;

public static class ConsoleHost
{
    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        var settings = builder.Configuration.GetSection(ConsoleSettings.Section).Get<ConsoleSettings>() ?? new ConsoleSettings();
        builder.Services.AddSingleton(settings);
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddMudServices();
        builder.Services.AddCascadingAuthenticationState();
        builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(o =>
            {
                o.LoginPath = "/signin";
                o.Cookie.Name = "linghuo.console";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Strict;
                o.ExpireTimeSpan = TimeSpan.FromHours(8);
            });
        builder.Services.AddAuthorization();
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddSingleton<Gateway>();
        builder.Services.AddScoped<Session>();

        var app = builder.Build();
        app.UseStatusCodePagesWithReExecute("/not-found");
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.MapStaticAssets();
        app.MapPost("/signout", async (HttpContext context) =>
        {
            await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return Results.Redirect("/signin");
        });
        app.MapGet("/documents/{documentNumber}.pdf", DocumentAsync).RequireAuthorization();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }

    /// <summary>A notice or certificate as issued, for the signed-in person to print or keep (their access as the gateway judges it).</summary>
    private static async Task<IResult> DocumentAsync(string documentNumber, HttpContext context, Gateway gateway, TimeProvider clock)
    {
        var token = await gateway.TokenForAsync(context.User, clock.GetUtcNow(), TimeSpan.FromMinutes(5));
        try
        {
            var document = await new LingHuo.Protos.V1.ApplicationService.ApplicationServiceClient(gateway.As(token))
                .GetDocumentAsync(new LingHuo.Protos.V1.GetDocumentRequest { DocumentNumber = documentNumber, Purpose = "打印、留存文书" }, cancellationToken: context.RequestAborted);
            return Results.File(document.Pdf.ToByteArray(), "application/pdf", documentNumber + ".pdf");
        }
        catch (Grpc.Core.RpcException e) when (e.StatusCode is Grpc.Core.StatusCode.NotFound or Grpc.Core.StatusCode.InvalidArgument or Grpc.Core.StatusCode.PermissionDenied)
        {
            return Results.NotFound("没有您可查看的该文书");
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
