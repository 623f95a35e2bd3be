using System.Text.Json;
using SagaFunctions.App.Platform.Queues;
using SagaFunctions.App.Platform.Storage;

namespace SagaFunctions.App.Integration;

/// <summary>
/// Local transport: the JSON envelopes of the events on the Storage queue <c>order-events</c> (base64,
/// like every queue the app triggers on), so the choreography handlers can consume them with a queue
/// trigger. An event published while no send is in flight goes alone; the ones published during a send
/// share the next message, as a JSON array (<see cref="BatchingQueueSender"/>, read with
/// <see cref="QueueBatch"/>). Each envelope keeps its event id as message id.
/// </summary>
public sealed class StorageQueueIntegrationPublisher(SagaStorage storage) : IIntegrationEventPublisher
{
    public const string QueueName = "order-events";

    private readonly BatchingQueueSender _sender = BatchingQueueSender.To(storage.Queue(QueueName));

    public async Task PublishAsync(IReadOnlyList<IntegrationEvent> events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        // Handed over in the stream's order, which the sender keeps within and across its messages.
        var sent = events.Select(e => _sender.SendAsync(JsonSerializer.Serialize(e, IntegrationJsonContext.Default.IntegrationEvent))).ToList();
        await Task.WhenAll(sent).WaitAsync(cancellationToken);
    }
}
