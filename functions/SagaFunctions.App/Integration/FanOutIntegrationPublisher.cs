namespace SagaFunctions.App.Integration;

/// <summary>
/// Publishes to several transports in turn: with Service Bus on, integration events go to the topic
/// for consumers outside the app and still to the <c>order-events</c> storage queue, which is the
/// choreography's own transport (its handlers are queue triggers there). At least once on each: a
/// failure part-way is retried as a whole by the relay, and consumers drop duplicates by message id.
/// </summary>
public sealed class FanOutIntegrationPublisher(IReadOnlyList<IIntegrationEventPublisher> publishers) : IIntegrationEventPublisher
{
    public async Task PublishAsync(IReadOnlyList<IntegrationEvent> events, CancellationToken cancellationToken)
    {
        foreach (var publisher in publishers)
        {
            await publisher.PublishAsync(events, cancellationToken);
        }
    }
}
