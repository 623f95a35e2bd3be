using SagaFunctions.Azurite;

namespace SagaFunctions.EventStore.Tests.Infrastructure;

/// <summary>
/// Stand-in for <c>SagaFunctions.Testing.AzuriteFixture</c>, which currently fails to start: it passes
/// <c>--inMemoryPersistence</c> together with <c>--location</c>, and Azurite 3.37 refuses that
/// combination. Same contract (own free ports, own temp folder), persisted on disk instead.
/// Switch back to the shared fixture once it is fixed.
/// </summary>
public sealed class AzuriteOnDiskFixture : IAsyncLifetime
{
    private AzuriteProcess? _azurite;

    public string ConnectionString => (_azurite ?? throw new InvalidOperationException("Azurite has not started.")).ConnectionString;

    public async Task InitializeAsync()
    {
        var dataFolder = Path.Combine(Path.GetTempPath(), "sagafunctions-eventstore-tests", Guid.NewGuid().ToString("N"));
        _azurite = await AzuriteProcess.StartAsync(AzuriteEndpoints.FreePorts(), dataFolder);
    }

    public async Task DisposeAsync()
    {
        if (_azurite is null)
        {
            return;
        }

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
