using SagaFunctions.App.Integration;

namespace SagaFunctions.App.Tests.Hosting;

/// <summary>
/// At-least-once made visible: every integration event is sent twice, so every message of every
/// saga in this host is delivered (at least) twice, often concurrently in one batch.
/// </summary>
public sealed class DuplicatingPublisher(IIntegrationEventPublisher inner) : IIntegrationEventPublisher
{
    public async Task PublishAsync(IReadOnlyList<IntegrationEvent> events, CancellationToken cancellationToken)
    {
        await inner.PublishAsync(events, cancellationToken);
        await inner.PublishAsync(events, cancellationToken);
    }
}
