using System.Text.Json;
using LingHuo.Runtime;
using Orleans.Storage;

namespace LingHuo.Persistence.GrainState;

/// <summary>
/// Grain state as UTF-8 JSON in the shape of <see cref="LingHuoJson"/>: no type names, so renaming a class or namespace
/// does not orphan stored cases, and the search projection and migrations can read the parts they need.
/// </summary>
public sealed class JsonGrainStateSerializer : IGrainStorageSerializer
{
    public BinaryData Serialize<T>(T? input) => new(JsonSerializer.SerializeToUtf8Bytes(input, LingHuoJson.Options));

    public T Deserialize<T>(BinaryData input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return JsonSerializer.Deserialize<T>(input.ToMemory().Span, LingHuoJson.Options)
            ?? throw new JsonException($"Stored state for {typeof(T).Name} is null.");
    }
}
