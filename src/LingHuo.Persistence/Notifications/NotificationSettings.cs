namespace LingHuo.Persistence.Notifications;

/// <summary>
/// Bound from <c>LingHuo:Notifications</c>: where text messages go (the province's SMS platform or message centre, a
/// JSON webhook) and how hard to try. Without a URL nothing is sent by webhook; the messages wait in the outbox, and a
/// silo started later with a URL sends them.
/// </summary>
public sealed class NotificationSettings
{
    public const string Section = "LingHuo:Notifications";

    public WebhookSettings Webhook { get; set; } = new();
}

public sealed class WebhookSettings
{
    /// <summary>The receiver's URL; empty: no webhook.</summary>
    public string Url { get; set; } = "";

    /// <summary>The id of the signing key, sent in <c>X-LingHuo-Key-Id</c> so the receiver can rotate.</summary>
    public string KeyId { get; set; } = "";

    /// <summary>The shared signing secret, base64 (32 bytes or more).</summary>
    public string Secret { get; set; } = "";

    /// <summary>How long one attempt may take before it counts as failed.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Attempts before a message is left failed for an operator (a dead letter).</summary>
    public int MaxAttempts { get; set; } = 8;

    /// <summary>The wait after the first failure; it doubles after each further one, up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(5);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>How often each silo looks for messages to send.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How many messages one silo sends at once.</summary>
    public int Batch { get; set; } = 20;

    public bool IsEnabled => Url.Length > 0;

    /// <summary>An absolute http(s) URL, a key id, a secret of 32 bytes or more, and positive limits.</summary>
    public bool IsValid() =>
        !IsEnabled
        || (Uri.TryCreate(Url, UriKind.Absolute, out var url) && url.Scheme is "http" or "https"
            && !string.IsNullOrWhiteSpace(KeyId) && SecretBytes() is { Length: >= 32 }
            && Timeout > TimeSpan.Zero && MaxAttempts > 0 && FirstRetryDelay > TimeSpan.Zero && MaxRetryDelay >= FirstRetryDelay
            && PollInterval > TimeSpan.Zero && Batch > 0);

    public byte[]? SecretBytes()
    {
        try
        {
            return Convert.FromBase64String(Secret);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
