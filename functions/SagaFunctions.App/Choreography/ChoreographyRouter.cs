using SagaFunctions.App.Integration;
using SagaFunctions.App.Platform.Shortcuts;

namespace SagaFunctions.App.Choreography;

/// <summary>
/// Hands each event to the context that reacts to it (<see cref="ChoreographyRoutes"/>). The
/// reactions of one order take turns in this process, so a redelivered event does not race its
/// first delivery here; across processes the reactions' own first-wins decisions keep them apart.
/// </summary>
public sealed class ChoreographyRouter(IReadOnlyDictionary<string, Route> routes, InProcessShortcuts shortcuts)
{
    // Apart from the writers' turns: a reaction holds its order's turn while the aggregates take theirs.
    private readonly KeyedTurns _turns = new(shortcuts);

    /// <returns>The context that reacted, or null when none reacts to the event.</returns>
    public async Task<string?> RouteAsync(IntegrationEvent integrationEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(integrationEvent);
        if (!routes.TryGetValue(integrationEvent.Type, out var route))
        {
            return null;
        }

        using var turn = await _turns.AcquireAsync(integrationEvent.OrderId, cancellationToken);
        await route.React(integrationEvent, cancellationToken);
        return route.Context;
    }
}
