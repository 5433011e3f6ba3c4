using LingHuo.Domain.Catalog;
using Orleans.Serialization;

namespace LingHuo.Runtime;

public static class SerializationExtensions
{
    /// <summary>
    /// Lets the domain's own immutable values (requests, applications, refusals, events) cross grain boundaries as JSON
    /// in the shape of <see cref="LingHuoJson"/>, so that the pure domain needs no Orleans attributes. Silos and clients both call it.
    /// </summary>
    public static ISerializerBuilder AddLingHuoDomainTypes(this ISerializerBuilder builder) =>
        builder.AddJsonSerializer(isSupported: type => type.Assembly == typeof(Matter).Assembly, LingHuoJson.Options);
}
