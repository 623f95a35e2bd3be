using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json.Serialization;
using SagaFunctions.Domain.Validation;

namespace SagaFunctions.Domain.Inventory;

/// <summary>
/// The product aggregate (stream <c>product-{sku}</c>). Invariants: available stock is never below
/// zero, and an order reserves stock of a product at most once (a released order cannot reserve again).
/// A multi-item order reserves each product independently; the application layer composes them
/// (see <see cref="Saga.StockLine.FromOrderLines"/>, which merges lines of the same SKU).
/// </summary>
public sealed record ProductState
{
    public static ProductState Empty { get; } = new();

    public string Sku { get; init; } = string.Empty;

    public string Name { get; init; } = string.Empty;

    public decimal UnitPrice { get; init; }

    /// <summary>Units on hand (reserved ones included).</summary>
    public int Stock { get; init; }

    /// <summary>Active reservations: order id → quantity.</summary>
    public ImmutableSortedDictionary<string, int> Reservations
    {
        get;
        init => field = Ordinal.Of(value);
    } = Ordinal.EmptyMap<int>();

    /// <summary>Orders whose reservation was released; they cannot reserve again.</summary>
    public ImmutableSortedSet<string> ReleasedOrders
    {
        get;
        init => field = Ordinal.Of(value);
    } = Ordinal.EmptySet;

    [JsonIgnore]
    public bool Exists => Sku.Length > 0;

    [JsonIgnore]
    public int Reserved => Reservations.Values.Sum();

    /// <summary><c>Stock − Reserved</c>; never negative.</summary>
    [JsonIgnore]
    public int Available => Stock - Reserved;

    public static ProductState Fold(IEnumerable<object> events) => Empty.ApplyAll(events);

    public ProductState ApplyAll(IEnumerable<object> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        return events.Aggregate(this, (state, e) => state.Apply(e));
    }

    /// <summary>Pure fold of one event.</summary>
    public ProductState Apply(object @event) => @event switch
    {
        ProductAdded e => this with { Sku = e.Sku, Name = e.Name, UnitPrice = e.UnitPrice, Stock = e.Stock },
        StockReserved e => this with { Reservations = Reservations.SetItem(e.OrderId, e.Quantity) },
        StockReleased e => this with
        {
            Reservations = Reservations.Remove(e.OrderId),
            ReleasedOrders = ReleasedOrders.Add(e.OrderId),
        },
        null => throw new ArgumentNullException(nameof(@event)),
        _ => throw new ArgumentException($"{@event.GetType()} is not an Inventory event.", nameof(@event)),
    };

    /// <summary>
    /// Adds the product. Adding again with the same values is a no-op; with other values it fails
    /// <see cref="DomainErrors.AlreadyExists"/>. Invalid input fails <see cref="DomainErrors.ValidationFailed"/>.
    /// </summary>
    public CommandResult Add(string sku, string name, decimal unitPrice, int stock)
    {
        var errors = AddProductValidator.Validate(new AddProductRequest(sku, name, unitPrice, stock));
        if (errors.Count > 0)
        {
            return CommandResult.Fail(DomainErrors.ValidationFailed, FieldErrors.Describe(errors));
        }

        if (Exists)
        {
            return Sku == sku && Name == name && UnitPrice == unitPrice && Stock == stock
                ? CommandResult.NoChange
                : CommandResult.Fail(DomainErrors.AlreadyExists, $"Product '{Sku}' already exists.");
        }

        return CommandResult.Success(new ProductAdded(sku, name, unitPrice, stock));
    }

    /// <summary>
    /// Reserves <paramref name="quantity"/> units for <paramref name="orderId"/>. Fails
    /// <see cref="FailureReasons.UnknownProduct"/> when the product does not exist and
    /// <see cref="FailureReasons.OutOfStock"/> when fewer units are available.
    /// A repeat for the same order (reserved, or already released) is a no-op success.
    /// </summary>
    /// <exception cref="ArgumentException">Invalid order id or non-positive quantity (a caller bug).</exception>
    /// <exception cref="InvalidOperationException">The order already holds a reservation of another quantity.</exception>
    public CommandResult ReserveStock(string orderId, int quantity)
    {
        Guard.OrderId(orderId);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(quantity);

        if (!Exists)
        {
            return CommandResult.Fail(FailureReasons.UnknownProduct, "The product does not exist.");
        }

        // Lines of the same SKU must be merged first (StockLine.FromOrderLines): a product holds one reservation per order.
        if (PerOrderReservations.AnswerToRepeat(Reservations, ReleasedOrders, orderId, quantity, $"'{Sku}'") is { } repeat)
        {
            return repeat;
        }

        var available = Available;
        if (quantity > available)
        {
            return CommandResult.Fail(
                FailureReasons.OutOfStock,
                string.Create(CultureInfo.InvariantCulture, $"SKU '{Sku}': requested {quantity}, available {available}."));
        }

        return CommandResult.Success(new StockReserved(orderId, quantity));
    }

    /// <summary>
    /// Releases the reservation of <paramref name="orderId"/>; already released is a no-op success.
    /// Never reserved: a zero release is recorded so a late reserve of the order takes nothing.
    /// </summary>
    public CommandResult ReleaseStock(string orderId)
    {
        Guard.OrderId(orderId);
        return PerOrderReservations.ToRelease(Reservations, ReleasedOrders, orderId, Exists) is { } quantity
            ? CommandResult.Success(new StockReleased(orderId, quantity))
            : CommandResult.NoChange;
    }

    public bool Equals(ProductState? other) =>
        other is not null
        && Sku == other.Sku
        && Name == other.Name
        && UnitPrice == other.UnitPrice
        && Stock == other.Stock
        && Reservations.SequenceEqual(other.Reservations)
        && ReleasedOrders.SequenceEqual(other.ReleasedOrders);

    public override int GetHashCode() => HashCode.Combine(Sku, Name, UnitPrice, Stock, Reservations.Count, ReleasedOrders.Count);
}
