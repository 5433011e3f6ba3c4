using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using LingHuo.Persistence.Notifications;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LingHuo.Testing;

/// <summary>How the receiver answers one attempt.</summary>
public enum WebhookAnswer
{
    Ok,

    /// <summary>HTTP 500, nothing processed.</summary>
    ServerError,

    /// <summary>HTTP 400: the platform refuses the message (not worth retrying).</summary>
    BadRequest,

    /// <summary>No answer at all, nothing processed: the sender's timeout ends it.</summary>
    Hang,

    /// <summary>Processed, but the answer never comes back (the sender must try again; the key makes it a duplicate).</summary>
    ProcessThenHang,

    /// <summary>Processed and answered, a while later (within the sender's timeout).</summary>
    Slow,
}

/// <summary>
/// A message platform on loopback, as the province would run one: it checks the signature and the timestamp, processes
/// each idempotency key once (a repeat is answered 200 and not processed again) and fails on purpose as
/// <see cref="Plan"/> says, by key and attempt.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    public const string KeyId = "w1";

    /// <summary>The shared signing secret (32 bytes, base64).</summary>
    public const string Secret = "d2ViaG9vay1zaWduaW5nLXNlY3JldC1mb3ItdGVzdHMhIQ==";

    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, int> _attempts = new();
    private readonly ConcurrentDictionary<string, Received> _processed = new();
    private readonly ConcurrentDictionary<string, int> _processings = new();
    private int _forged;

    private WebhookReceiver(WebApplication app) => _app = app;

    /// <summary>A message as processed: its body and headers.</summary>
    public sealed record Received(string Id, string ApplicationNumber, string Kind, string Phone, string Text);

    public string Url { get; private set; } = "";

    /// <summary>(message, attempt 1, 2, …) → answer; every attempt is answered <see cref="WebhookAnswer.Ok"/> unless this says otherwise.</summary>
    public Func<Received, int, WebhookAnswer> Plan { get; set; } = (_, _) => WebhookAnswer.Ok;

    public TimeSpan SlowAnswer { get; set; } = TimeSpan.FromMilliseconds(300);

    /// <summary>Requests refused for a bad signature or a stale timestamp.</summary>
    public int Forged => _forged;

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);
        app.MapPost("/messages", receiver.ReceiveAsync);
        await app.StartAsync();
        receiver.Url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single() + "/messages";
        return receiver;
    }

    /// <summary>The settings a silo needs to send here; the delays are short so that tests finish soon.</summary>
    public Dictionary<string, string?> Settings(string prefix = "LingHuo:Notifications:Webhook:") => new()
    {
        [prefix + "Url"] = Url,
        [prefix + "KeyId"] = KeyId,
        [prefix + "Secret"] = Secret,
        [prefix + "Timeout"] = "00:00:01",
        [prefix + "MaxAttempts"] = "4",
        [prefix + "FirstRetryDelay"] = "00:00:00.100",
        [prefix + "MaxRetryDelay"] = "00:00:00.400",
        [prefix + "PollInterval"] = "00:00:00.100",
    };

    /// <summary>Every key processed so far, with its message.</summary>
    public IReadOnlyDictionary<string, Received> Processed => _processed;

    /// <summary>How many times a key was processed (exactly once is the point).</summary>
    public int ProcessingsOf(string key) => _processings.GetValueOrDefault(key);

    /// <summary>How many attempts reached the receiver for a key.</summary>
    public int AttemptsOf(string key) => _attempts.GetValueOrDefault(key);

    private async Task ReceiveAsync(HttpContext context)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
        var body = buffer.ToArray();
        if (!Genuine(context.Request.Headers, body))
        {
            Interlocked.Increment(ref _forged);
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return;
        }

        var key = context.Request.Headers["Idempotency-Key"].ToString();
        var attempt = _attempts.AddOrUpdate(key, 1, (_, n) => n + 1);
        if (_processed.ContainsKey(key))
        {
            return; // already had it: 200, not processed again
        }

        var message = Read(body);
        switch (Plan(message, attempt))
        {
            case WebhookAnswer.ServerError:
                context.Response.StatusCode = StatusCodes.Status500InternalServerError;
                return;
            case WebhookAnswer.BadRequest:
                context.Response.StatusCode = StatusCodes.Status400BadRequest;
                return;
            case WebhookAnswer.Hang:
                await Never(context);
                return;
            case WebhookAnswer.ProcessThenHang:
                Process(key, message);
                await Never(context);
                return;
            case WebhookAnswer.Slow:
                await Task.Delay(SlowAnswer, context.RequestAborted);
                Process(key, message);
                return;
            default:
                Process(key, message);
                return;
        }
    }

    private static Received Read(byte[] body)
    {
        using var json = JsonDocument.Parse(body);
        var root = json.RootElement;
        return new Received(root.GetProperty("id").GetString()!, root.GetProperty("applicationNumber").GetString()!, root.GetProperty("kind").GetString()!,
            root.GetProperty("phone").GetString()!, root.GetProperty("text").GetString()!);
    }

    private void Process(string key, Received received)
    {
        if (_processed.TryAdd(key, received))
        {
            _processings.AddOrUpdate(key, 1, (_, n) => n + 1);
        }
    }

    // Waits until the sender gives up on the request.
    private static async Task Never(HttpContext context)
    {
        try
        {
            await Task.Delay(Timeout.Infinite, context.RequestAborted);
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static bool Genuine(IHeaderDictionary headers, byte[] body)
    {
        var parts = headers["X-LingHuo-Signature"].ToString().Split(',').Select(p => p.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1]);
        if (headers["X-LingHuo-Key-Id"] != KeyId || !parts.TryGetValue("t", out var timestamp) || !parts.TryGetValue("v1", out var signature)
            || !long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return false;
        }

        // A replayed request (an old timestamp) is refused even with a valid signature.
        var age = DateTimeOffset.UtcNow - DateTimeOffset.FromUnixTimeSeconds(seconds);
        return age.Duration() <= TimeSpan.FromMinutes(5)
            && System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(
                System.Text.Encoding.ASCII.GetBytes(signature), System.Text.Encoding.ASCII.GetBytes(WebhookSender.Signature(Convert.FromBase64String(Secret), timestamp, body)));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
