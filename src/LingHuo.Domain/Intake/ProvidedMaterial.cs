namespace LingHuo.Domain.Intake;

/// <summary>
/// How one material was given: its source, the data-sharing record or external file it names, and the uploaded file
/// kept for it.
/// </summary>
public readonly record struct ProvidedMaterial(Material Material, MaterialSource Source, string? Reference = null, MaterialFile? File = null)
{
    /// <summary>The same, its file (if any) marked as received at <paramref name="at"/>: the time of the command that brought it.</summary>
    public ProvidedMaterial ReceivedAt(DateTimeOffset at) => File is { } file ? this with { File = file with { UploadedAt = at } } : this;
}
