using SagaFunctions.App.Integration;
using SagaFunctions.Domain.Saga;
using SagaFunctions.Domain.Ordering;
using SagaFunctions.App.Platform.Shortcuts;

namespace SagaFunctions.App.Choreography;

/// <summary>
/// Orders this process saw placed for the orchestrator. Their events share <c>order-events</c>
/// with the choreography's, and every handler would load the order only to learn it must do
/// nothing: remembering the style from OrderPlaced (an order never changes style) spares that
/// read for every later event. An order not remembered (placed before a restart, or seen by another
/// instance) still goes to the handlers, which check the order itself. Bounded like a cache.
/// </summary>
public sealed class OrchestratedOrders(InProcessShortcuts shortcuts)
{
    private readonly BoundedCache<bool> _orderIds = new(50_000, shortcuts);

    /// <summary>Notes the order's style when <paramref name="integrationEvent"/> is its OrderPlaced.</summary>
    public void Observe(IntegrationEvent integrationEvent)
    {
        ArgumentNullException.ThrowIfNull(integrationEvent);
        if (integrationEvent.Type == OrderPlaced.TypeName
            && integrationEvent.Data.TryGetProperty("sagaStyle", out var style)
            && style.ValueEquals(SagaStyles.Orchestration))
        {
            _orderIds.Set(integrationEvent.OrderId, true);
        }
    }

    public bool Contains(string orderId) => _orderIds.TryGet(orderId, out _);
}
