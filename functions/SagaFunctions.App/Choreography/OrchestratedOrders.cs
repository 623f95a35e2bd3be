using System.Collections.Concurrent;
using SagaFunctions.App.Integration;
using SagaFunctions.Domain.Saga;
using SagaFunctions.Domain.Ordering;

namespace SagaFunctions.App.Choreography;

/// <summary>
/// Orders this process saw placed for the orchestrator. Their events share <c>order-events</c>
/// with the choreography's, and every handler would load the order only to learn it must do
/// nothing: remembering the style from OrderPlaced (an order never changes style) spares that
/// read for every later event. An order not remembered (placed before a restart, or seen by another
/// instance) still goes to the handlers, which check the order itself. Bounded like a cache.
/// </summary>
public sealed class OrchestratedOrders
{
    private const int Capacity = 50_000;
    private readonly ConcurrentDictionary<string, byte> _orderIds = new(StringComparer.Ordinal);

    /// <summary>Notes the order's style when <paramref name="integrationEvent"/> is its OrderPlaced.</summary>
    public void Observe(IntegrationEvent integrationEvent)
    {
        ArgumentNullException.ThrowIfNull(integrationEvent);
        if (integrationEvent.Type == OrderPlaced.TypeName
            && integrationEvent.Data.TryGetProperty("sagaStyle", out var style)
            && style.ValueEquals(SagaStyles.Orchestration))
        {
            if (_orderIds.Count >= Capacity)
            {
                _orderIds.Clear();
            }

            _orderIds.TryAdd(integrationEvent.OrderId, 0);
        }
    }

    public bool Contains(string orderId) => _orderIds.ContainsKey(orderId);
}
