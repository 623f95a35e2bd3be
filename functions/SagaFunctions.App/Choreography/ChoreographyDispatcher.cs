using Microsoft.Azure.Functions.Worker;
using SagaFunctions.App.Integration;
using SagaFunctions.App.Platform.Storage;
using SagaFunctions.App.Platform.Telemetry;
using SagaFunctions.App.Platform.Queues;

namespace SagaFunctions.App.Choreography;

/// <summary>
/// The choreography's single consumer of <c>order-events</c>: routes each integration event of a
/// message (one, or a batch: <see cref="QueueBatch"/>) to the context handlers. A message that keeps
/// failing (malformed, or a handler that keeps throwing) goes to <c>order-events-poison</c> after
/// host.json's maxDequeueCount, its error recorded (<see cref="QueueFailures"/>). A batch is retried as a whole; the handlers keep their first
/// decision, so the events in it that were handled change nothing the second time.
/// </summary>
public sealed class ChoreographyDispatcher(ChoreographyRouter router, OrchestratedOrders orchestrated, QueueFailures failures)
{
    [Function(nameof(DispatchOrderEvent))]
    public async Task DispatchOrderEvent(
        [QueueTrigger(StorageQueueIntegrationPublisher.QueueName, Connection = SagaStorage.ConnectionName)] string message,
        CancellationToken cancellationToken) =>
        await failures.HandleAsync(StorageQueueIntegrationPublisher.QueueName, message, async () =>
        {
            var integrationEvents = QueueBatch.ReadComplete(
                message, IntegrationJsonContext.Default.IntegrationEvent, e => !string.IsNullOrEmpty(e.Type) && !string.IsNullOrEmpty(e.OrderId), "type or order id");

            // An order's events in the order they were published; different orders' at once, as separate messages would run.
            await Task.WhenAll(integrationEvents.GroupBy(e => e.OrderId).Select(order => RouteInTurnAsync(order, cancellationToken)));
        });

    private async Task RouteInTurnAsync(IEnumerable<IntegrationEvent> orderEvents, CancellationToken cancellationToken)
    {
        foreach (var integrationEvent in orderEvents)
        {
            orchestrated.Observe(integrationEvent);
            if (!orchestrated.Contains(integrationEvent.OrderId))
            {
                using var span = SagaTelemetry.StartConsumer($"react {integrationEvent.Type}", integrationEvent.TraceParent);
                span?.SetTag(SagaTelemetry.OrderId, integrationEvent.OrderId).SetTag(SagaTelemetry.EventType, integrationEvent.Type);
                await router.RouteAsync(integrationEvent, cancellationToken);
            }
        }
    }
}
