using System.CommandLine;
using LingHuo.Contracts;
using LingHuo.Domain.Calendar;
using LingHuo.Domain.Catalog;
using LingHuo.Domain.Identity;

namespace LingHuo.Cli;

/// <summary>
/// Development tokens: `linghuo keygen` makes a signing key pair (the gateway is given the public half), `linghuo token`
/// signs a token for one caller with the private half. Production tokens come from the real issuers.
/// </summary>
internal static class TokenCommands
{
    public const string DefaultKeyPrefix = ".data/dev-signing";
    public const string DevelopmentIssuer = "linghuo-dev";
    public const string DevelopmentKeyId = "dev";
    public const string ApplicantSecretVariable = "LingHuo__Applicants__KeySecret";

    public static Command KeyGen(TextWriter output, TextWriter errors)
    {
        var prefix = new Option<string>("--out") { Description = "Path prefix: writes PREFIX.key (private) and PREFIX.pub (public).", DefaultValueFactory = _ => DefaultKeyPrefix };
        var force = new Option<bool>("--force") { Description = "Replace an existing key pair." };
        var command = new Command("keygen", "Make an EC P-256 signing key pair for development tokens.") { prefix, force };
        command.SetAction(parse => Guarded(errors, () =>
        {
            var path = parse.GetValue(prefix)!;
            if (File.Exists(path + ".key") && !parse.GetValue(force))
            {
                output.WriteLine($"{path}.key exists; keeping it (--force replaces it).");
                return 0;
            }

            var (privatePem, publicPem) = CallerTokens.NewKeyPair();
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            File.WriteAllText(path + ".key", privatePem);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(path + ".key", UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }

            File.WriteAllText(path + ".pub", publicPem);
            output.WriteLine($"{path}.key (private), {path}.pub (public)");
            return 0;
        }));
        return command;
    }

    public static Command Token(TextWriter output, TextWriter errors)
    {
        var role = new Option<CallerRole>("--role") { Description = "Applicant, Clerk, Department or Operator.", Required = true };
        var id = new Option<string?>("--id") { Description = "Applicant: the identity number the token vouches for." };
        var secret = new Option<string?>("--applicant-key-secret")
        {
            Description = $"Applicant: the platform's applicant-key secret (default ${ApplicantSecretVariable}, or .data/applicant-key.secret).",
        };
        var county = new Option<string?>("--county") { Description = "Clerk: the county division code, e.g. 530102." };
        var kind = new Option<string?>("--kind") { Description = "Department: hrss (人社), medical (医保) or tax (税务)." };
        var jurisdiction = new Option<string?>("--jurisdiction") { Description = "Department: its division-code prefix, e.g. 53 or 5301." };
        var subject = new Option<string?>("--subject") { Description = "Who the caller is, for the audit (default: the role, e.g. clerk-530102)." };
        var keyFile = new Option<string>("--key-file") { Description = "PEM private key.", DefaultValueFactory = _ => DefaultKeyPrefix + ".key" };
        var keyId = new Option<string>("--key-id") { Description = "Key id (kid) the gateway knows the public key by.", DefaultValueFactory = _ => DevelopmentKeyId };
        var issuer = new Option<string>("--issuer") { Description = "Issuer name (iss).", DefaultValueFactory = _ => DevelopmentIssuer };
        var hours = new Option<int>("--hours") { Description = "Validity in hours.", DefaultValueFactory = _ => 8 };
        var command = new Command("token", "Sign a development bearer token for one caller (print it; use it with --token or LINGHUO_TOKEN).")
        {
            role, id, secret, county, kind, jurisdiction, subject, keyFile, keyId, issuer, hours,
        };
        command.SetAction(parse => Guarded(errors, () =>
        {
            var claims = parse.GetValue(role) switch
            {
                CallerRole.Applicant => CallerTokens.Claims(CallerRole.Applicant, parse.GetValue(subject) ?? "applicant", applicantKey: ApplicantKey(parse.GetValue(id), parse.GetValue(secret))),
                CallerRole.Clerk => CallerTokens.Claims(CallerRole.Clerk, parse.GetValue(subject) ?? $"clerk-{parse.GetValue(county)}", county: Required(parse.GetValue(county), "--county")),
                CallerRole.Department => CallerTokens.Claims(
                    CallerRole.Department,
                    parse.GetValue(subject) ?? $"{parse.GetValue(kind)}-{parse.GetValue(jurisdiction)}",
                    department: Department(parse.GetValue(kind)).ToString(),
                    jurisdiction: Required(parse.GetValue(jurisdiction), "--jurisdiction")),
                var other => CallerTokens.Claims(other, parse.GetValue(subject) ?? "operator"),
            };
            output.WriteLine(CallerTokens.Mint(
                File.ReadAllText(parse.GetValue(keyFile)!), parse.GetValue(keyId)!, parse.GetValue(issuer)!, claims, DateTimeOffset.UtcNow, TimeSpan.FromHours(parse.GetValue(hours))));
            return 0;
        }));
        return command;
    }

    /// <summary>A token signed with the development key (what `linghuo token` prints with its defaults).</summary>
    public static string Development(IDictionary<string, object> claims, TimeSpan lifetime) =>
        CallerTokens.Mint(File.ReadAllText(DefaultKeyPrefix + ".key"), DevelopmentKeyId, DevelopmentIssuer, claims, DateTimeOffset.UtcNow, lifetime);

    public static Department Department(string? kind) => kind?.ToLowerInvariant() switch
    {
        "hrss" or "humanresourcessocialsecurity" => Domain.Catalog.Department.HumanResourcesSocialSecurity,
        "medical" or "medicalsecurity" => Domain.Catalog.Department.MedicalSecurity,
        "tax" => Domain.Catalog.Department.Tax,
        _ => throw new ArgumentException("--kind must be hrss, medical or tax."),
    };

    public static string ApplicantKey(string? identity, string? secret)
    {
        secret ??= Environment.GetEnvironmentVariable(ApplicantSecretVariable)
            ?? (File.Exists(".data/applicant-key.secret") ? File.ReadAllText(".data/applicant-key.secret").Trim() : null);
        var parsed = IdentityNumber.Parse(Required(identity, "--id"), BeijingTime.DateOf(DateTimeOffset.UtcNow), "--id");
        return parsed.TryGetValue(out var number)
            ? ApplicantKeys.FromBase64(secret).For(number)
            : throw new ArgumentException(string.Join("; ", parsed.Refusals.Select(r => r.MessageEn)));
    }

    /// <summary>Bad options, a missing key file or secret: one line and exit code 2, as for any bad command line.</summary>
    private static int Guarded(TextWriter errors, Func<int> run)
    {
        try
        {
            return run();
        }
        catch (Exception e) when (e is ArgumentException or IOException or InvalidOperationException or FormatException or UnauthorizedAccessException)
        {
            errors.WriteLine(e.Message);
            return 2;
        }
    }

    private static string Required(string? value, string option) =>
        string.IsNullOrWhiteSpace(value) ? throw new ArgumentException($"{option} is required for this role.") : value;
}
