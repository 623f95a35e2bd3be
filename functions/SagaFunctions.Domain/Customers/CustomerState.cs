using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json.Serialization;
using SagaFunctions.Domain.Validation;

namespace SagaFunctions.Domain.Customers;

/// <summary>
/// The customer aggregate (stream <c>customer-{customerId}</c>): an immutable state folded from its
/// events, with command methods that return the events to append. Invariants: available credit is
/// never below zero, and an order reserves credit at most once (a released order cannot reserve again).
/// </summary>
public sealed record CustomerState
{
    public static CustomerState Empty { get; } = new();

    public string CustomerId { get; init; } = string.Empty;

    public string Name { get; init; } = string.Empty;

    public decimal CreditLimit { get; init; }

    /// <summary>Active reservations: order id → amount.</summary>
    public ImmutableSortedDictionary<string, decimal> Reservations
    {
        get;
        init => field = Ordinal.Of(value);
    } = Ordinal.EmptyMap<decimal>();

    /// <summary>Orders whose reservation was released; they cannot reserve again.</summary>
    public ImmutableSortedSet<string> ReleasedOrders
    {
        get;
        init => field = Ordinal.Of(value);
    } = Ordinal.EmptySet;

    [JsonIgnore]
    public bool IsRegistered => CustomerId.Length > 0;

    [JsonIgnore]
    public decimal ReservedCredit => Reservations.Values.Sum();

    /// <summary><c>CreditLimit − ReservedCredit</c>; never negative.</summary>
    [JsonIgnore]
    public decimal AvailableCredit => CreditLimit - ReservedCredit;

    /// <summary>Folds events from the empty state.</summary>
    public static CustomerState Fold(IEnumerable<object> events) => Empty.ApplyAll(events);

    public CustomerState ApplyAll(IEnumerable<object> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        return events.Aggregate(this, (state, e) => state.Apply(e));
    }

    /// <summary>Pure fold of one event. Events are facts: they are applied, not validated.</summary>
    public CustomerState Apply(object @event) => @event switch
    {
        CustomerRegistered e => this with { CustomerId = e.CustomerId, Name = e.Name, CreditLimit = e.CreditLimit },
        CreditReserved e => this with { Reservations = Reservations.SetItem(e.OrderId, e.Amount) },
        CreditReleased e => this with
        {
            Reservations = Reservations.Remove(e.OrderId),
            ReleasedOrders = ReleasedOrders.Add(e.OrderId),
        },
        null => throw new ArgumentNullException(nameof(@event)),
        _ => throw new ArgumentException($"{@event.GetType()} is not a Customers event.", nameof(@event)),
    };

    /// <summary>
    /// Registers the customer. Registering again with the same values is a no-op; with other values it
    /// fails <see cref="DomainErrors.AlreadyExists"/>. Invalid input fails <see cref="DomainErrors.ValidationFailed"/>.
    /// </summary>
    public CommandResult Register(string customerId, string name, decimal creditLimit)
    {
        var errors = new FieldErrors();
        Rules.Id(errors, "customerId", customerId);
        foreach (var (field, messages) in RegisterCustomerValidator.Validate(new RegisterCustomerRequest(name, creditLimit)))
        {
            foreach (var message in messages)
            {
                errors.Add(field, message);
            }
        }

        if (!errors.IsEmpty)
        {
            return CommandResult.Fail(DomainErrors.ValidationFailed, FieldErrors.Describe(errors.ToDictionary()));
        }

        if (IsRegistered)
        {
            return CustomerId == customerId && Name == name && CreditLimit == creditLimit
                ? CommandResult.NoChange
                : CommandResult.Fail(DomainErrors.AlreadyExists, $"Customer '{CustomerId}' is already registered.");
        }

        return CommandResult.Success(new CustomerRegistered(customerId, name, creditLimit));
    }

    /// <summary>
    /// Reserves <paramref name="amount"/> for <paramref name="orderId"/>. Fails
    /// <see cref="FailureReasons.UnknownCustomer"/> before registration and
    /// <see cref="FailureReasons.InsufficientCredit"/> when the amount exceeds the available credit.
    /// A repeat for the same order (reserved, or already released) is a no-op success.
    /// </summary>
    /// <exception cref="ArgumentException">Invalid order id or non-positive amount (a caller bug).</exception>
    /// <exception cref="InvalidOperationException">The order already holds a reservation of another amount.</exception>
    public CommandResult ReserveCredit(string orderId, decimal amount)
    {
        Guard.OrderId(orderId);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(amount);

        if (!IsRegistered)
        {
            return CommandResult.Fail(FailureReasons.UnknownCustomer, "The customer is not registered.");
        }

        if (PerOrderReservations.AnswerToRepeat(Reservations, ReleasedOrders, orderId, amount, $"customer '{CustomerId}'") is { } repeat)
        {
            return repeat;
        }

        var available = AvailableCredit;
        if (amount > available)
        {
            return CommandResult.Fail(
                FailureReasons.InsufficientCredit,
                string.Create(CultureInfo.InvariantCulture, $"Requested {amount}, available {available}."));
        }

        return CommandResult.Success(new CreditReserved(orderId, amount));
    }

    /// <summary>
    /// Releases the reservation of <paramref name="orderId"/>. Already released, or an unknown
    /// customer: nothing to undo, a no-op success. Never reserved: a zero release is recorded, so a
    /// reserve that arrives late (after the saga timed out and compensated) cannot take credit.
    /// </summary>
    public CommandResult ReleaseCredit(string orderId)
    {
        Guard.OrderId(orderId);
        return PerOrderReservations.ToRelease(Reservations, ReleasedOrders, orderId, IsRegistered) is { } amount
            ? CommandResult.Success(new CreditReleased(orderId, amount))
            : CommandResult.NoChange;
    }

    public bool Equals(CustomerState? other) =>
        other is not null
        && CustomerId == other.CustomerId
        && Name == other.Name
        && CreditLimit == other.CreditLimit
        && Reservations.SequenceEqual(other.Reservations)
        && ReleasedOrders.SequenceEqual(other.ReleasedOrders);

    public override int GetHashCode() => HashCode.Combine(CustomerId, Name, CreditLimit, Reservations.Count, ReleasedOrders.Count);
}
