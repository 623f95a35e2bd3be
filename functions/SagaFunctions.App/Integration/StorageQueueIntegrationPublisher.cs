using System.Text.Json;
using SagaFunctions.App.Infrastructure;

namespace SagaFunctions.App.Integration;

/// <summary>
/// Local transport: one JSON envelope per message on the Storage queue <c>order-events</c> (base64,
/// like every queue the app triggers on), so the choreography handlers can consume it with a queue trigger.
/// </summary>
public sealed class StorageQueueIntegrationPublisher(SagaStorage storage) : IIntegrationEventPublisher
{
    public const string QueueName = "order-events";

    private readonly Lazy<Task> _created = new(() => storage.Queue(QueueName).CreateIfNotExistsAsync());

    public async Task PublishAsync(IReadOnlyList<IntegrationEvent> events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        await _created.Value;
        var queue = storage.Queue(QueueName);
        foreach (var integrationEvent in events)
        {
            // One at a time: the queue keeps (roughly) the order of the stream.
            await queue.SendMessageAsync(JsonSerializer.Serialize(integrationEvent, IntegrationJsonContext.Default.IntegrationEvent), cancellationToken);
        }
    }
}
