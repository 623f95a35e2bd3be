using SagaFunctions.Domain.Serialization;
using SagaFunctions.EventStore;

namespace SagaFunctions.App.Platform.Storage;

/// <summary>One event store per context, each on its context's own table.</summary>
public sealed class EventStores
{
    private readonly Lazy<Task> _created;

    public EventStores(SagaStorage storage)
    {
        ArgumentNullException.ThrowIfNull(storage);
        var registry = CreateRegistry();
        Customers = new TableEventStore(storage.Table(ContextTables.CustomerEvents), registry);
        Inventory = new TableEventStore(storage.Table(ContextTables.InventoryEvents), registry);
        Payments = new TableEventStore(storage.Table(ContextTables.PaymentEvents), registry);
        Ordering = new TableEventStore(storage.Table(ContextTables.OrderEvents), registry);
        _created = new Lazy<Task>(() => Task.WhenAll(All.Select(s => s.CreateTableIfNotExistsAsync())));
    }

    public TableEventStore Customers { get; }

    public TableEventStore Inventory { get; }

    public TableEventStore Payments { get; }

    public TableEventStore Ordering { get; }

    public IReadOnlyList<TableEventStore> All => [Customers, Inventory, Payments, Ordering];

    /// <summary>Creates the tables once per process (a fresh storage account has none).</summary>
    public Task EnsureCreatedAsync() => _created.Value;

    public TableEventStore ByTable(string tableName) =>
        All.FirstOrDefault(s => s.TableName == tableName) ?? throw new ArgumentException($"No event store uses table '{tableName}'.", nameof(tableName));

    /// <summary>Every domain event under its stable name.</summary>
    public static EventTypeRegistry CreateRegistry()
    {
        var registry = new EventTypeRegistry();
        foreach (var eventType in DomainEventTypes.All)
        {
            registry.Register(eventType.Name, eventType.TypeInfo);
        }

        return registry;
    }
}
