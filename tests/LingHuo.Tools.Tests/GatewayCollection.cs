using LingHuo.Testing;

namespace LingHuo.Tools.Tests;

/// <summary>The tests that share one in-process silo and gateway on a fresh database.</summary>
[CollectionDefinition(Name)]
public sealed class GatewayCollection : ICollectionFixture<GatewayFixture>
{
    public const string Name = "gateway";
}
