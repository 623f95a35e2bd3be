using SagaFunctions.Domain.Customers;
using SagaFunctions.Domain.Inventory;
using SagaFunctions.Domain.Ordering;
using SagaFunctions.Domain.Payments;
using SagaFunctions.Domain.Serialization;
using SagaFunctions.EventStore;
using SagaFunctions.App.Platform.Shortcuts;

namespace SagaFunctions.App.Platform.Storage;

/// <summary>The four aggregates, each on its own context's event store.</summary>
public sealed class Aggregates(EventStores stores, IAppendNotifier notifier, KeyedTurns locks, InProcessShortcuts shortcuts)
{
    // A customer's stream grows with every order (reserve + release): snapshot it.
    public AggregateRepository<CustomerState> Customers { get; } = new(stores.Customers,
        new AggregateDefinition<CustomerState>("customer", CustomerState.Empty, (s, e) => s.Apply(e), DomainJsonContext.Default.CustomerState, SnapshotInterval: 50), notifier, locks, shortcuts);

    public AggregateRepository<ProductState> Products { get; } = new(stores.Inventory,
        new AggregateDefinition<ProductState>("product", ProductState.Empty, (s, e) => s.Apply(e), DomainJsonContext.Default.ProductState, SnapshotInterval: 50), notifier, locks, shortcuts);

    // Payment and order streams stay short (a handful of events): no snapshots.
    public AggregateRepository<PaymentState> Payments { get; } = new(stores.Payments,
        new AggregateDefinition<PaymentState>("payment", PaymentState.Empty, (s, e) => s.Apply(e), DomainJsonContext.Default.PaymentState, SnapshotInterval: 0), notifier, locks, shortcuts);

    public AggregateRepository<OrderState> Orders { get; } = new(stores.Ordering,
        new AggregateDefinition<OrderState>("order", OrderState.Empty, (s, e) => s.Apply(e), DomainJsonContext.Default.OrderState, SnapshotInterval: 0), notifier, locks, shortcuts);
}
