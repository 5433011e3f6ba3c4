using System.Collections.Frozen;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using LingHuo.Domain;
using LingHuo.Domain.Cases;
using LingHuo.Domain.Identity;

namespace LingHuo.Runtime;

/// <summary>
/// The one JSON shape of domain values, for grain state in PostgreSQL and for domain values crossing grain boundaries.
/// Version-tolerant on purpose: no type names of assemblies, enums by name, unknown members ignored, computed
/// properties not stored. Case events carry a <c>type</c> discriminator (the event's class name).
/// </summary>
public static class LingHuoJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,

            // PostgreSQL's jsonb reorders keys; a discriminator need not come first.
            AllowOutOfOrderMetadataProperties = true,
            TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { SkipComputedProperties, CaseEventPolymorphism } },
        };
        options.Converters.Add(new JsonStringEnumConverter());
        options.Converters.Add(new EnumSetJsonConverterFactory());
        options.Converters.Add(new ApplicationNumberJsonConverter());
        options.Converters.Add(new IdentityNumberJsonConverter());
        options.MakeReadOnly();
        return options;
    }

    // Properties without a setter are derived from others (Deadline.At, MaterialChecklist.Missing): not worth storing.
    private static void SkipComputedProperties(JsonTypeInfo type)
    {
        if (type.Kind != JsonTypeInfoKind.Object)
        {
            return;
        }

        for (var i = type.Properties.Count - 1; i >= 0; i--)
        {
            if (type.Properties[i].Set is null)
            {
                type.Properties.RemoveAt(i);
            }
        }
    }

    private static readonly Type[] CaseEventTypes =
        [.. typeof(CaseEvent).Assembly.GetTypes().Where(t => t.IsSealed && t.IsSubclassOf(typeof(CaseEvent))).OrderBy(t => t.Name, StringComparer.Ordinal)];

    private static readonly FrozenDictionary<string, Type> CaseEventTypesByName = CaseEventTypes.ToFrozenDictionary(t => t.Name, StringComparer.Ordinal);

    /// <summary>
    /// A case event whose discriminator is known (case_events.event_type): read as its own type, which skips the
    /// polymorphic path (jsonb puts <c>type</c> after <c>at</c>, so that path buffers the whole object first).
    /// </summary>
    public static CaseEvent ReadCaseEvent(string type, string json) =>
        (CaseEventTypesByName.TryGetValue(type, out var known)
            ? (CaseEvent?)JsonSerializer.Deserialize(json, known, Options)
            : JsonSerializer.Deserialize<CaseEvent>(json, Options))
        ?? throw new JsonException("A case event is null.");

    private static void CaseEventPolymorphism(JsonTypeInfo type)
    {
        if (type.Type != typeof(CaseEvent))
        {
            return;
        }

        type.PolymorphismOptions = new JsonPolymorphismOptions { TypeDiscriminatorPropertyName = "type" };
        foreach (var derived in CaseEventTypes)
        {
            type.PolymorphismOptions.DerivedTypes.Add(new JsonDerivedType(derived, derived.Name));
        }
    }

    /// <summary>Writes an <see cref="EnumSet{T}"/> as an array of member names.</summary>
    private sealed class EnumSetJsonConverterFactory : JsonConverterFactory
    {
        public override bool CanConvert(Type typeToConvert) =>
            typeToConvert.IsGenericType && typeToConvert.GetGenericTypeDefinition() == typeof(EnumSet<>);

        public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
            (JsonConverter)Activator.CreateInstance(typeof(EnumSetJsonConverter<>).MakeGenericType(typeToConvert.GetGenericArguments()[0]))!;
    }

    private sealed class EnumSetJsonConverter<T> : JsonConverter<EnumSet<T>>
        where T : unmanaged, Enum
    {
        public override EnumSet<T> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            var members = JsonSerializer.Deserialize<T[]>(ref reader, options) ?? [];
            return EnumSet<T>.Of(members);
        }

        public override void Write(Utf8JsonWriter writer, EnumSet<T> value, JsonSerializerOptions options) =>
            JsonSerializer.Serialize(writer, value.ToArray(), options);
    }

    /// <summary>An application number is its text, as it always was when it was a string.</summary>
    private sealed class ApplicationNumberJsonConverter : JsonConverter<ApplicationNumber>
    {
        public override ApplicationNumber Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            ApplicationNumber.TryParse(reader.GetString(), out var number) ? number : throw new JsonException("Not an application number.");

        public override void Write(Utf8JsonWriter writer, ApplicationNumber value, JsonSerializerOptions options) => writer.WriteStringValue(value.Value);
    }

    /// <summary>
    /// A checked identity number travels as its full normalized text (within the cluster, as the request it came from
    /// does); reading checks it again, with no date limit, since it was checked on the day it was given.
    /// </summary>
    private sealed class IdentityNumberJsonConverter : JsonConverter<IdentityNumber>
    {
        public override IdentityNumber Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            IdentityNumber.Parse(reader.GetString(), DateOnly.MaxValue) is { IsOk: true } parsed ? parsed.Value! : throw new JsonException("Not an identity number.");

        public override void Write(Utf8JsonWriter writer, IdentityNumber value, JsonSerializerOptions options) => writer.WriteStringValue(value.Value);
    }
}
