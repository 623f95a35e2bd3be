using DurableTask.Core;

namespace SagaFunctions.LocalHost.Durable;

/// <summary>
/// The backend as the sidecar starts and stops it: a stop waits for the start, and a backend that
/// never started (or failed to) is not stopped.
/// </summary>
/// <remarks>
/// The sidecar stops the backend when the host stops, even when the host stops before the backend's
/// start got far (a test fixture disposed right away). DTFx AzureStorage 2.11's <c>StopAsync</c>
/// then dereferences what <c>StartAsync</c> had not set yet, and the NullReferenceException, thrown
/// on a thread-pool thread from the sidecar's stopping callback, ends the process.
/// </remarks>
public sealed class StopAfterStart(IOrchestrationService inner) : OrchestrationServiceDecorator(inner)
{
    private readonly Lock _gate = new();
    private Task? _started;

    public override Task StartAsync()
    {
        lock (_gate)
        {
            return _started ??= Inner.StartAsync();
        }
    }

    public override Task StopAsync() => StopAsync(isForced: false);

    public override async Task StopAsync(bool isForced)
    {
        Task? started;
        lock (_gate)
        {
            started = _started;
        }

        if (started is null)
        {
            return;
        }

        try
        {
            await started;
        }
#pragma warning disable CA1031 // Whatever failed the start was its caller's to see; there is nothing to stop.
        catch (Exception)
#pragma warning restore CA1031
        {
            return;
        }

        await Inner.StopAsync(isForced);
    }
}
