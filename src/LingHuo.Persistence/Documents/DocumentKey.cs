namespace LingHuo.Persistence.Documents;

/// <summary>One sealing key: its id (kept with each document) and a base64 secret of at least 32 bytes.</summary>
public sealed class DocumentKey
{
    public string Id { get; set; } = "";

    public string Secret { get; set; } = "";
}
