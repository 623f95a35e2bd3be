using System.Text.Json;
using Microsoft.Azure.Functions.Worker;
using SagaFunctions.App.Infrastructure;

namespace SagaFunctions.App.Projections;

/// <summary>
/// The projection function: a queue trigger on the append notifications, and the timer sweep that
/// covers lost notifications. A message that keeps failing (malformed, unknown table) goes to
/// <c>projection-notifications-poison</c> after host.json's maxDequeueCount; its stream's marker stays,
/// so the sweep retries the stream itself later.
/// </summary>
public sealed class ProjectionFunctions(StreamProjector projector, ProjectionSweeper sweeper)
{
    [Function(nameof(ProjectStream))]
    public async Task ProjectStream(
        [QueueTrigger(QueueAppendNotifier.QueueName, Connection = SagaStorage.ConnectionName)] string message,
        CancellationToken cancellationToken)
    {
        var notification = JsonSerializer.Deserialize(message, AppJsonContext.Default.AppendNotification)
            ?? throw new JsonException("The notification is JSON null.");
        if (string.IsNullOrEmpty(notification.Table) || string.IsNullOrEmpty(notification.StreamId))
        {
            throw new JsonException("The notification has no table or stream id.");
        }

        await projector.ProjectNotifiedAsync(notification, cancellationToken);
    }

    [Function(nameof(SweepProjections))]
    public async Task SweepProjections([TimerTrigger("%ProjectionSweepSchedule%")] TimerInfo timer, CancellationToken cancellationToken) =>
        await sweeper.SweepAsync(cancellationToken);
}
