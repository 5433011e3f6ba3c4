namespace LingHuo.Persistence;

/// <summary>
/// The feature needs PostgreSQL and the platform runs in memory: a precondition of the deployment, not an outage, so a
/// retry fails the same way. The message says which feature, in English and Chinese.
/// </summary>
public sealed class StorageUnavailableException : Exception
{
    public StorageUnavailableException()
    {
    }

    public StorageUnavailableException(string message)
        : base(message)
    {
    }

    public StorageUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
