namespace SagaFunctions.LocalHost;

/// <summary>
/// Stops the host when its standard input reaches its end: a cluster (<see cref="Cluster.LocalCluster"/>)
/// closes it to stop its hosts gracefully, and the pipe closes by itself when the cluster's process
/// dies, so no host outlives it.
/// </summary>
public sealed class StopWhenInputCloses(IHostApplicationLifetime lifetime) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // A blocking read on a thread of its own: a read of standard input does not heed cancellation,
        // and the host must not wait for it when it stops for another reason.
        _ = Task.Factory.StartNew(
            () =>
            {
                using var input = Console.OpenStandardInput();
                var buffer = new byte[256];
                while (input.Read(buffer, 0, buffer.Length) > 0)
                {
                }

                lifetime.StopApplication();
            },
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default);
        return Task.CompletedTask;
    }
}
