using LingHuo.Testing;

namespace LingHuo.Grains.Tests;

/// <summary>A test class whose every test gets a fresh, migrated database of its own, dropped afterwards.</summary>
public abstract class OwnDatabase : IAsyncLifetime
{
    protected TestDatabase Database { get; private set; } = null!;

    public async Task InitializeAsync() => Database = await TestDatabase.CreateAsync();

    public async Task DisposeAsync() => await Database.DisposeAsync();
}
