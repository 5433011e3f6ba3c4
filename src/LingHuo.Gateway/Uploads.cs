using LingHuo.Domain.Intake;
using LingHuo.Persistence.Materials;
using P = LingHuo.Protos.V1;

namespace LingHuo.Gateway;

/// <summary>
/// Keeps the files of a request that passed <see cref="UploadCheck"/> in the material store, before the command that
/// names them reaches its grain, and names each in its material.
/// </summary>
public sealed class Uploads(IMaterialStore store)
{
    public async Task<List<ProvidedMaterial>> KeepAsync(
        IReadOnlyList<P.ProvidedMaterial> sent, IReadOnlyList<ProvidedMaterial> mapped, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sent);
        ArgumentNullException.ThrowIfNull(mapped);
        var kept = new List<ProvidedMaterial>(mapped.Count);
        for (var i = 0; i < mapped.Count; i++)
        {
            var content = sent[i].Content;
            if (content.IsEmpty)
            {
                kept.Add(mapped[i]);
                continue;
            }

            var mediaType = UploadCheck.MediaTypeOf(content.Span)!;
            var sha256 = await store.PutAsync(content.Memory, mediaType, cancellationToken);
            kept.Add(mapped[i] with { File = new MaterialFile(sha256, mediaType, content.Length) });
        }

        return kept;
    }
}
