namespace SagaFunctions.App.Integration;

/// <summary>
/// Publishes integration events, in order. At least once: a caller may publish the same event
/// again after a crash; the message id lets consumers (and Service Bus duplicate detection) drop it.
/// </summary>
public interface IIntegrationEventPublisher
{
    Task PublishAsync(IReadOnlyList<IntegrationEvent> events, CancellationToken cancellationToken);
}
