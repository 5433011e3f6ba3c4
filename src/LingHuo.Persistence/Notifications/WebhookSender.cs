using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using LingHuo.Domain.Identity;
using LingHuo.Runtime;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LingHuo.Persistence.Notifications;

/// <summary>
/// Sends the outbox's text messages to the province's message platform: a JSON POST per message with its idempotency
/// key (<c>Idempotency-Key</c>, the same on every attempt) and an HMAC-SHA256 signature over the timestamp and the body
/// (<c>X-LingHuo-Signature: t=…,v1=…</c>, key in <c>X-LingHuo-Key-Id</c>). A failure, a 5xx, 408, 429 or a timeout is
/// tried again after an exponentially growing, jittered wait; any other answer, or the last attempt, leaves the message
/// failed for an operator. Delivery is at least once; the key lets the receiver make it exactly once.
/// </summary>
public sealed partial class WebhookSender(
    NotificationOutbox outbox,
    IOptions<NotificationSettings> settings,
    TimeProvider clock,
    CaseMetrics metrics,
    ILogger<WebhookSender> logger) : BackgroundService
{
    private readonly WebhookSettings _settings = settings.Value.Webhook;
    private readonly byte[] _secret = settings.Value.Webhook.SecretBytes() ?? [];

    private readonly HttpClient _http = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
    {
        Timeout = Timeout.InfiniteTimeSpan, // each attempt has its own deadline
    };

    public override void Dispose()
    {
        _http.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_settings.PollInterval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                while (await SendDueAsync(stoppingToken) == _settings.Batch)
                {
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogSendingFailed(logger, e);
            }
        }
    }

    /// <summary>Sends what is due now; returns how many messages it tried.</summary>
    public async Task<int> SendDueAsync(CancellationToken cancellationToken)
    {
        // A claim outlasts an attempt, so another silo takes a message over only from a silo that died with it.
        var lease = _settings.Timeout * 2 + TimeSpan.FromSeconds(5);
        var claimed = await outbox.ClaimAsync(clock.GetUtcNow(), lease, _settings.Batch, cancellationToken);
        await Task.WhenAll(claimed.Select(m => SendAsync(m, cancellationToken)));
        return claimed.Count;
    }

    private async Task SendAsync(OutgoingMessage message, CancellationToken cancellationToken)
    {
        string error;
        var retry = true;
        try
        {
            using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            attempt.CancelAfter(_settings.Timeout);
            using var response = await _http.SendAsync(Request(message), attempt.Token);
            if (response.IsSuccessStatusCode)
            {
                await outbox.SentAsync(message, clock.GetUtcNow(), cancellationToken);
                metrics.MessageSent("sent");
                return;
            }

            var status = (int)response.StatusCode;
            retry = status >= 500 || response.StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests;
            error = $"HTTP {status} {response.ReasonPhrase}";
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            error = $"no answer within {_settings.Timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s";
        }
        catch (HttpRequestException e)
        {
            error = e.HttpRequestError == HttpRequestError.Unknown ? e.Message : e.HttpRequestError.ToString();
        }

        if (retry && message.Attempts < _settings.MaxAttempts)
        {
            await outbox.RetryLaterAsync(message, clock.GetUtcNow() + RetryDelay(message.Attempts), error, cancellationToken);
            metrics.MessageSent("retry");
            LogRetrying(logger, message.Id, IdentityMask.MaskPhone(message.Phone), message.Attempts, error);
        }
        else
        {
            await outbox.FailedAsync(message, error, cancellationToken);
            metrics.MessageSent("failed");
            LogGaveUp(logger, message.Id, IdentityMask.MaskPhone(message.Phone), message.Attempts, error);
        }
    }

    /// <summary>The wait after the given number of failed attempts: doubling from the first delay, capped, with half of it random.</summary>
    public TimeSpan RetryDelay(int failedAttempts)
    {
        var doubled = _settings.FirstRetryDelay * Math.Pow(2, Math.Min(failedAttempts - 1, 30));
        var capped = doubled < _settings.MaxRetryDelay ? doubled : _settings.MaxRetryDelay;
        return capped * (0.5 + (Random.Shared.NextDouble() / 2));
    }

    private HttpRequestMessage Request(OutgoingMessage message)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(
            new { id = message.Id, applicationNumber = message.ApplicationNumber, kind = message.Kind.ToString(), phone = message.Phone, text = message.Text, createdAt = message.CreatedAt },
            JsonSerializerOptions.Web);
        var timestamp = clock.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var request = new HttpRequestMessage(HttpMethod.Post, _settings.Url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.Add("Idempotency-Key", message.Id);
        request.Headers.Add("X-LingHuo-Key-Id", _settings.KeyId);
        request.Headers.Add("X-LingHuo-Signature", $"t={timestamp},v1={Signature(_secret, timestamp, body)}");
        return request;
    }

    /// <summary>What a receiver recomputes to check a message: HMAC-SHA256 of "{timestamp}." followed by the body, lower-case hex.</summary>
    public static string Signature(byte[] secret, string timestamp, ReadOnlySpan<byte> body)
    {
        var signed = new byte[timestamp.Length + 1 + body.Length];
        Encoding.ASCII.GetBytes(timestamp + ".", signed);
        body.CopyTo(signed.AsSpan(timestamp.Length + 1));
        return Convert.ToHexStringLower(HMACSHA256.HashData(secret, signed));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sending messages failed; trying again")]
    private static partial void LogSendingFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Message {Id} to {Phone} not delivered (attempt {Attempt}: {Error}); will retry")]
    private static partial void LogRetrying(ILogger logger, string id, string phone, int attempt, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Message {Id} to {Phone} failed after {Attempts} attempt(s): {Error}; left for an operator")]
    private static partial void LogGaveUp(ILogger logger, string id, string phone, int attempts, string error);
}
