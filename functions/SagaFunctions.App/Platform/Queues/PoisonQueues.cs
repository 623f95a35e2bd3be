using SagaFunctions.App.Platform.Storage;
using SagaFunctions.App.Platform.Telemetry;

namespace SagaFunctions.App.Platform.Queues;

/// <summary>A poison queue and how many messages it holds (approximately, as the queue service counts).</summary>
public sealed record PoisonQueueDepth(string Queue, int Messages);

/// <summary>
/// The <c>-poison</c> queues of the app's storage, where the Functions host moves a message that failed
/// <c>maxDequeueCount</c> times. Each count also feeds the <c>saga.poison.messages</c> gauge.
/// </summary>
public sealed class PoisonQueues(SagaStorage storage, SagaMetrics metrics)
{
    public const string Suffix = "-poison";

    public async Task<IReadOnlyList<PoisonQueueDepth>> DepthsAsync(CancellationToken cancellationToken)
    {
        var depths = new List<PoisonQueueDepth>();
        await foreach (var queue in storage.Queues.GetQueuesAsync(cancellationToken: cancellationToken))
        {
            if (queue.Name.EndsWith(Suffix, StringComparison.Ordinal))
            {
                var properties = await storage.Queue(queue.Name).GetPropertiesAsync(cancellationToken);
                depths.Add(new PoisonQueueDepth(queue.Name, properties.Value.ApproximateMessagesCount));
                metrics.PoisonMessages(queue.Name, properties.Value.ApproximateMessagesCount);
            }
        }

        return depths;
    }

    /// <summary>Counts them for the gauge, when something exports metrics (a timer calls this; else it costs nothing).</summary>
    public async Task CountForMetricsAsync(CancellationToken cancellationToken)
    {
        if (metrics.PoisonGaugeObserved)
        {
            await DepthsAsync(cancellationToken);
        }
    }
}
