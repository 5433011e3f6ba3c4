using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace LingHuo.Persistence.Materials;

/// <summary>Uploaded files for a process that keeps everything in memory (development): gone when it stops.</summary>
public sealed class InMemoryMaterialStore : IMaterialStore
{
    private readonly ConcurrentDictionary<string, byte[]> _files = new(StringComparer.Ordinal);

    public Task<string> PutAsync(ReadOnlyMemory<byte> content, string mediaType, CancellationToken cancellationToken)
    {
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(content.Span));
        _files.TryAdd(sha256, content.ToArray());
        return Task.FromResult(sha256);
    }

    public Task<byte[]?> GetAsync(string sha256, CancellationToken cancellationToken) =>
        Task.FromResult(_files.TryGetValue(sha256, out var content) ? content : null);
}
