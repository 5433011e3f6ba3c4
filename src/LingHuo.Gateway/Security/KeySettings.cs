namespace LingHuo.Gateway.Security;

public sealed class KeySettings
{
    /// <summary>The key id (kid) tokens name in their header.</summary>
    public string Id { get; set; } = "";

    /// <summary>The public key, PEM (EC P-256 or RSA); or <see cref="PublicKeyFile"/>.</summary>
    public string PublicKeyPem { get; set; } = "";

    public string PublicKeyFile { get; set; } = "";
}
