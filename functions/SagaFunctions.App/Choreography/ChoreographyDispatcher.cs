using System.Text.Json;
using Microsoft.Azure.Functions.Worker;
using SagaFunctions.App.Infrastructure;
using SagaFunctions.App.Integration;

namespace SagaFunctions.App.Choreography;

/// <summary>
/// The choreography's single consumer of <c>order-events</c>: routes each integration event to the
/// context handlers. A message that keeps failing (malformed, or a handler that keeps throwing) goes
/// to <c>order-events-poison</c> after host.json's maxDequeueCount.
/// </summary>
public sealed class ChoreographyDispatcher(ChoreographyRouter router, OrchestratedOrders orchestrated)
{
    [Function(nameof(DispatchOrderEvent))]
    public async Task DispatchOrderEvent(
        [QueueTrigger(StorageQueueIntegrationPublisher.QueueName, Connection = SagaStorage.ConnectionName)] string message,
        CancellationToken cancellationToken)
    {
        var integrationEvent = JsonSerializer.Deserialize(message, IntegrationJsonContext.Default.IntegrationEvent)
            ?? throw new JsonException("The integration event is JSON null.");
        if (string.IsNullOrEmpty(integrationEvent.Type) || string.IsNullOrEmpty(integrationEvent.OrderId))
        {
            throw new JsonException("The integration event has no type or order id.");
        }

        orchestrated.Observe(integrationEvent);
        if (!orchestrated.Contains(integrationEvent.OrderId))
        {
            await router.RouteAsync(integrationEvent, cancellationToken);
        }
    }
}
