namespace LingHuo.Grains.Abstractions;

/// <summary>
/// Storage could not be reached or failed the write; nothing was applied and the call may be retried as it was.
/// </summary>
[GenerateSerializer, Alias("linghuo.CaseStorageException")]
public sealed class CaseStorageException : Exception
{
    public CaseStorageException()
    {
    }

    public CaseStorageException(string message)
        : base(message)
    {
    }

    public CaseStorageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
