using SagaFunctions.Azurite;
using Xunit;

namespace SagaFunctions.Testing;

/// <summary>
/// An Azurite for one test assembly: its own free ports and its own data folder, so it never
/// clashes with a developer's Azurite or with other test assemblies running in parallel.
/// Use it as an assembly fixture via <c>[CollectionDefinition]</c> or as a class fixture.
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    private AzuriteProcess? _azurite;

    public string ConnectionString => (_azurite ?? throw new InvalidOperationException("Azurite has not started.")).ConnectionString;

    public AzuriteEndpoints Endpoints => (_azurite ?? throw new InvalidOperationException("Azurite has not started.")).Endpoints;

    public async Task InitializeAsync()
    {
        var dataFolder = Path.Combine(Path.GetTempPath(), "sagafunctions-tests", Guid.NewGuid().ToString("N"));
        _azurite = await AzuriteProcess.StartAsync(AzuriteEndpoints.FreePorts(), dataFolder, inMemory: true);
    }

    public async Task DisposeAsync()
    {
        if (_azurite is not null)
        {
            await _azurite.DisposeAsync();
            try
            {
                Directory.Delete(_azurite.DataFolder, recursive: true);
            }
            catch (IOException)
            {
                // A temp folder left behind is harmless.
            }
        }
    }

    /// <summary>A name unique to one test, valid as a table name or task hub name (letters and digits).</summary>
    public static string UniqueName(string prefix) => prefix + Guid.NewGuid().ToString("N")[..12];
}
