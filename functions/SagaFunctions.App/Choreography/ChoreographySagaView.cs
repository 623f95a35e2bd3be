using SagaFunctions.Domain.Payments;
using SagaFunctions.Domain.Ordering;
using SagaFunctions.Domain.Inventory;
using SagaFunctions.Domain.Customers;
using System.Text.Json;
using SagaFunctions.App.Integration;
using SagaFunctions.Domain;
using SagaFunctions.Domain.Saga;
using SagaFunctions.EventStore;
using SagaFunctions.App.Platform.Storage;

namespace SagaFunctions.App.Choreography;

/// <summary>One link of a choreographed saga: which context published which event (as which message), and when.</summary>
public sealed record ChoreographyLink(string Publisher, string MessageId, string Type, string StreamId, long Version, DateTimeOffset OccurredAt, JsonElement Data);

/// <summary>What <c>GET /api/orders/{id}/saga</c> answers for a choreographed order.</summary>
public sealed record ChoreographySaga(string OrderId, string Style, string Status, string? RejectionReason, IReadOnlyList<ChoreographyLink> Events);

/// <summary>
/// The chain of a choreographed saga, assembled from where the facts live: the order and payment
/// streams, the customer's and the products' events of this order, and the choreography events.
/// There is no orchestrator holding a timeline, so the chain is the only picture of the saga.
/// </summary>
public sealed class ChoreographySagaView(
    IAggregateRepository<OrderState> orders,
    IAggregateRepository<CustomerState> customers,
    IAggregateRepository<ProductState> products,
    IAggregateRepository<PaymentState> payments,
    ChoreographyEventLog log)
{
    /// <summary>The saga of a choreographed order, or null when the order is unknown or orchestrated.</summary>
    public async Task<ChoreographySaga?> ReadAsync(string orderId, CancellationToken cancellationToken)
    {
        var order = (await orders.LoadAsync(StreamNames.Order(orderId), cancellationToken)).State;
        if (!order.IsPlaced || order.SagaStyle != SagaStyles.Choreography)
        {
            return null;
        }

        var chain = new List<IntegrationEvent>();
        await CollectAsync(chain, orders.ReadAsync(StreamNames.Order(orderId), cancellationToken), orderId);
        await CollectAsync(chain, customers.ReadAsync(StreamNames.Customer(order.CustomerId), cancellationToken), orderId);
        foreach (var sku in order.Items.Select(i => i.Sku).Distinct(StringComparer.Ordinal))
        {
            await CollectAsync(chain, products.ReadAsync(StreamNames.Product(sku), cancellationToken), orderId);
        }

        await CollectAsync(chain, payments.ReadAsync(StreamNames.Payment(orderId), cancellationToken), orderId);
        chain.AddRange(await log.ReadAsync(orderId, cancellationToken));

        var links = chain
            .OrderBy(e => e.OccurredAt)
            .Select(e => new ChoreographyLink(ChoreographyEventTypes.PublisherOf(e.Type), e.MessageId, e.Type, e.StreamId, e.Version, e.OccurredAt, e.Data))
            .ToList();
        return new ChoreographySaga(orderId, SagaStyles.Choreography, order.Status, order.RejectionReason, links);
    }

    private static async Task CollectAsync(List<IntegrationEvent> chain, IAsyncEnumerable<RecordedEvent> stream, string orderId)
    {
        await foreach (var recorded in stream)
        {
            if (IntegrationEvents.From(recorded) is { } published && published.OrderId == orderId)
            {
                chain.Add(published);
            }
        }
    }
}
