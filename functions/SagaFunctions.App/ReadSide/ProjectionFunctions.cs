using Microsoft.Azure.Functions.Worker;
using SagaFunctions.App.Platform.Storage;
using SagaFunctions.App.Platform.Telemetry;
using SagaFunctions.App.Platform.Queues;

namespace SagaFunctions.App.ReadSide;

/// <summary>
/// The projection function: a queue trigger on the append notifications (one per message, or a batch:
/// <see cref="QueueBatch"/>), and the timer sweep that covers lost notifications. A message that keeps
/// failing (malformed, unknown table) goes to <c>projection-notifications-poison</c> after host.json's
/// maxDequeueCount, its error recorded (<see cref="QueueFailures"/>); its stream's marker stays, so the sweep retries the stream itself later. A batch is retried as a whole: the notifications in it
/// that were projected cost nothing the second time.
/// </summary>
public sealed class ProjectionFunctions(IStreamProjector projector, ProjectionSweeper sweeper, PoisonQueues poisonQueues, QueueFailures failures)
{
    [Function(nameof(ProjectStream))]
    public async Task ProjectStream(
        [QueueTrigger(QueueAppendNotifier.QueueName, Connection = SagaStorage.ConnectionName)] string message,
        CancellationToken cancellationToken) =>
        await failures.HandleAsync(QueueAppendNotifier.QueueName, message, async () =>
        {
            var notifications = QueueBatch.ReadComplete(
                message, AppJsonContext.Default.AppendNotification, n => !string.IsNullOrEmpty(n.Table) && !string.IsNullOrEmpty(n.StreamId), "table or stream id");

            // Each stream's passes take turns in the projector, so the notifications of a batch may run at once.
            await Task.WhenAll(notifications.Select(n => ProjectAsync(n, cancellationToken)));
        });

    [Function(nameof(SweepProjections))]
    public async Task SweepProjections([TimerTrigger("%ProjectionSweepSchedule%")] TimerInfo timer, CancellationToken cancellationToken)
    {
        await sweeper.SweepAsync(cancellationToken);
        await poisonQueues.CountForMetricsAsync(cancellationToken);
    }

    /// <summary>One notification's pass, in the trace of the append it announces (a message may carry many orders' appends).</summary>
    private async Task ProjectAsync(AppendNotification notification, CancellationToken cancellationToken)
    {
        using var span = SagaTelemetry.StartConsumer("project stream", notification.TraceParent);
        span?.SetTag(SagaTelemetry.StreamId, notification.StreamId).SetTag("saga.stream_version", notification.Version);
        await projector.ProjectNotifiedAsync(notification, cancellationToken);
    }
}
