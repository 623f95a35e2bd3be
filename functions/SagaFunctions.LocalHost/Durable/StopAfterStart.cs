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
/// on a thread-pool thread from the sidecar's stopping callback, ends the process. For the same reason
/// a stop that fails later is swallowed: the callback is <c>async void</c>, and DTFx's partition manager,
/// when its shutdown does not finish within 10 minutes, throws a TimeoutException that would end the
/// process long after the host stopped (a test run outliving a fixture disposed early).
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

        try
        {
            await Inner.StopAsync(isForced);
        }
#pragma warning disable CA1031 // The host is stopping; the process must not die of the backend's stop.
        catch (Exception)
#pragma warning restore CA1031
        {
            // Its leases lapse on their own, as a killed host's do.
        }
    }
}
