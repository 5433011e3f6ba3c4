namespace LingHuo.Persistence.Documents;

/// <summary>What verification says of a document offered. Values are those of the proto enum.</summary>
public enum DocumentVerdict
{
    Genuine = 1,

    /// <summary>It names a document the platform issued, but not as issued: a changed field, byte or code.</summary>
    Altered = 2,

    /// <summary>Nothing the platform issued (or not readable as a document at all).</summary>
    Unknown = 3,

    Revoked = 4,
}
