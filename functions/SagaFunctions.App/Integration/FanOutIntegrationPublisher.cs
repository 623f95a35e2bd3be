namespace SagaFunctions.App.Integration;

/// <summary>
/// Publishes to every target at once, for events that have no stream checkpoint to follow (the
/// choreography's own facts, republished outcomes): each target gets them whatever the others do,
/// and a failure of any is thrown once all have been tried (the caller's retry sends them again;
/// consumers drop duplicates by message id).
/// </summary>
public sealed class FanOutIntegrationPublisher(IReadOnlyList<IntegrationTarget> targets) : IIntegrationEventPublisher
{
    public async Task PublishAsync(IReadOnlyList<IntegrationEvent> events, CancellationToken cancellationToken)
    {
        var sends = targets.Select(t => t.Publisher.PublishAsync(events, cancellationToken)).ToList();
        try
        {
            await Task.WhenAll(sends);
        }
        catch when (sends.Count(s => s.IsFaulted) > 1)
        {
            throw new AggregateException(sends.Where(s => s.IsFaulted).SelectMany(s => s.Exception!.InnerExceptions));
        }
    }
}
