namespace LingHuo.Silo;

public enum StorageProvider
{
    PostgreSQL = 1,

    /// <summary>Everything in memory: for a quick look, never for real cases.</summary>
    Memory = 2,
}
