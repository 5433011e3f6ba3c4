using System.Net;
using LingHuo.Contracts;
using LingHuo.Gateway.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Http;

namespace LingHuo.Silo;

/// <summary>
/// The Orleans Dashboard shows the cluster's grains and calls and has no sign-in of its own: only an operator's token
/// (a gateway issuer's, role operator) opens it, sent as a bearer header or, from a browser, pasted once into its
/// sign-in form and kept in an HttpOnly cookie for its paths. Its grain-state view is never served.
/// </summary>
internal static class DashboardGate
{
    private const string SignInPath = "/dashboard/signin";

    /// <summary>True when the request may go on to the dashboard; otherwise the answer has been written.</summary>
    public static async Task<bool> AdmitAsync(HttpContext context)
    {
        var request = context.Request;
        if (request.Path.Value!.Contains("GrainState", StringComparison.OrdinalIgnoreCase))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return false;
        }

        if (HttpMethods.IsPost(request.Method) && request.Path.Equals(SignInPath, StringComparison.Ordinal) && request.HasFormContentType)
        {
            var token = (await request.ReadFormAsync(context.RequestAborted))["token"].ToString().Trim();
            context.Response.Cookies.Append(Authentication.DashboardCookie, token, new CookieOptions
            {
                HttpOnly = true, SameSite = SameSiteMode.Strict, Path = "/dashboard", Secure = request.IsHttps, MaxAge = TimeSpan.FromHours(1),
            });
            context.Response.Redirect("/dashboard/");
            return false;
        }

        var result = await context.AuthenticateAsync(JwtBearerDefaults.AuthenticationScheme);
        if (!result.Succeeded)
        {
            await SignInPageAsync(context.Response, StatusCodes.Status401Unauthorized, "An operator's token is required / 需要运维人员令牌");
            return false;
        }

        if (result.Principal.FindFirst(CallerTokens.RoleClaim)?.Value != "operator")
        {
            await SignInPageAsync(context.Response, StatusCodes.Status403Forbidden, "Only operators may open the dashboard / 仅运维人员可查看");
            return false;
        }

        return true;
    }

    private static Task SignInPageAsync(HttpResponse response, int status, string why)
    {
        response.StatusCode = status;
        response.ContentType = "text/html; charset=utf-8";
        return response.WriteAsync($$"""
            <!DOCTYPE html>
            <html lang="zh-CN"><head><meta charset="utf-8"><title>LingHuo dashboard sign-in</title></head>
            <body>
            <h1>Orleans Dashboard</h1>
            <p>{{WebUtility.HtmlEncode(why)}}. <code>linghuo token --role operator</code> mints one in development.</p>
            <form method="post" action="{{SignInPath}}">
              <label for="token">Operator token / 运维令牌</label><br>
              <textarea id="token" name="token" rows="4" cols="80" required></textarea><br>
              <button type="submit">Sign in / 登录</button>
            </form>
            </body></html>
            """);
    }
}
