using System.Reflection;
using LingHuo.Grains.Abstractions;

namespace LingHuo.Grains.Tests;

/// <summary>
/// Rolling upgrades run old and new silos side by side: every grain interface, grain method and serialized type is
/// named on the wire by an [Alias], so renaming or moving one in code does not break a mixed-version cluster.
/// </summary>
public sealed class AliasTests
{
    private static readonly Type[] Contracts = typeof(IApplicationGrain).Assembly.GetTypes();

    [Fact]
    public void EveryGrainInterfaceAndMethod_HasAnAlias()
    {
        var interfaces = Contracts.Where(t => t.IsInterface && typeof(IAddressable).IsAssignableFrom(t)).ToList();

        Assert.NotEmpty(interfaces);
        Assert.Empty(interfaces.Where(t => t.GetCustomAttribute<AliasAttribute>() is null).Select(t => t.Name));
        Assert.Empty(interfaces.SelectMany(t => t.GetMethods()).Where(m => m.GetCustomAttribute<AliasAttribute>() is null).Select(m => $"{m.DeclaringType!.Name}.{m.Name}"));
    }

    [Fact]
    public void EverySerializedType_HasAnAlias_AndNoTwoShareOne()
    {
        var serialized = Contracts.Where(t => t.GetCustomAttribute<GenerateSerializerAttribute>() is not null).ToList();
        var aliases = serialized.Select(t => t.GetCustomAttribute<AliasAttribute>()?.Alias).ToList();

        Assert.NotEmpty(serialized);
        Assert.Empty(serialized.Where(t => t.GetCustomAttribute<AliasAttribute>() is null).Select(t => t.Name));
        Assert.Equal(aliases.Count, aliases.Distinct(StringComparer.Ordinal).Count());
    }
}
