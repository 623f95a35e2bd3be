using System.Text.Json.Serialization;
using SagaFunctions.EventStore;

namespace SagaFunctions.Benchmarks.Scenarios.EventStore;

/// <summary>A small, typical event (≈60 bytes of JSON) for throughput and load figures.</summary>
internal sealed record ItemAdded(string Sku, int Quantity, decimal Price);

/// <summary>State folded from <see cref="ItemAdded"/> events.</summary>
internal sealed record CartState(int Lines, long Quantity, decimal Total)
{
    public static CartState Empty { get; } = new(0, 0, 0m);

    public static CartState Apply(CartState state, object data) => data is ItemAdded added
        ? new CartState(state.Lines + 1, state.Quantity + added.Quantity, state.Total + (added.Quantity * added.Price))
        : state;
}

[JsonSerializable(typeof(ItemAdded))]
[JsonSerializable(typeof(CartState))]
internal sealed partial class CartJsonContext : JsonSerializerContext;

internal static class CartEvents
{
    public const string ItemAddedName = "V1.ItemAdded";

    public static EventTypeRegistry CreateRegistry() => new EventTypeRegistry().Register(ItemAddedName, CartJsonContext.Default.ItemAdded);

    public static ItemAdded Item(int i) => new($"SKU-{i % 500:D5}", 1 + (i % 4), 9.99m + (i % 10));

    public static NewEvent[] Batch(int start, int count) =>
        [.. Enumerable.Range(start, count).Select(i => new NewEvent($"evt-{i}", Item(i), new EventMetadata("corr-" + (i / 10), "cause-" + i)))];

    public static AggregateDefinition<CartState> Definition(int snapshotInterval) =>
        new("cart", CartState.Empty, CartState.Apply, CartJsonContext.Default.CartState, snapshotInterval);
}
