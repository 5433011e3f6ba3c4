namespace LingHuo.Domain.Intake;

/// <summary>How a material was satisfied; recorded because 免证办 (data sharing) must be traceable.</summary>
public enum MaterialSource
{
    Upload = 1,
    PaperOriginal = 2,
    DataSharing = 3,
}
