using System.Globalization;
using System.Text.Json.Serialization;
using SagaFunctions.Domain.Saga;
using SagaFunctions.Domain.Validation;

namespace SagaFunctions.Domain.Ordering;

/// <summary>
/// The order aggregate (stream <c>order-{orderId}</c>). Status goes PENDING → APPROVED / REJECTED /
/// CANCELLED / COMPENSATION_FAILED, guarded here: a final status never changes; repeating the
/// transition to the same final status is a no-op; a conflicting one fails
/// <see cref="DomainErrors.OrderAlreadyFinal"/>.
/// </summary>
public sealed record OrderState
{
    public const decimal MaxUnitPrice = 1_000_000m;

    public static OrderState Empty { get; } = new();

    public string OrderId { get; init; } = string.Empty;

    public string CustomerId { get; init; } = string.Empty;

    public IReadOnlyList<OrderLine> Items { get; init; } = [];

    public decimal Total { get; init; }

    public string PaymentToken { get; init; } = string.Empty;

    public string SagaStyle { get; init; } = string.Empty;

    public DateTimeOffset PlacedAt { get; init; }

    /// <summary>One of <see cref="OrderStatus"/>; empty before the order is placed.</summary>
    public string Status { get; init; } = string.Empty;

    /// <summary>For REJECTED the saga's reason; for CANCELLED <see cref="FailureReasons.Cancelled"/>.</summary>
    public string? RejectionReason { get; init; }

    /// <summary>For COMPENSATION_FAILED: the compensation that kept failing.</summary>
    public string? FailedStep { get; init; }

    /// <summary>For COMPENSATION_FAILED: what went wrong.</summary>
    public string? FailureDetail { get; init; }

    [JsonIgnore]
    public bool IsPlaced => OrderId.Length > 0;

    [JsonIgnore]
    public bool IsFinal => OrderStatus.IsFinal(Status);

    public static OrderState Fold(IEnumerable<object> events) => Empty.ApplyAll(events);

    public OrderState ApplyAll(IEnumerable<object> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        return events.Aggregate(this, (state, e) => state.Apply(e));
    }

    /// <summary>Pure fold of one event.</summary>
    public OrderState Apply(object @event) => @event switch
    {
        OrderPlaced e => this with
        {
            OrderId = e.OrderId,
            CustomerId = e.CustomerId,
            Items = e.Items,
            Total = e.Total,
            PaymentToken = e.PaymentToken,
            SagaStyle = e.SagaStyle,
            PlacedAt = e.PlacedAt,
            Status = OrderStatus.Pending,
        },
        OrderApproved => this with { Status = OrderStatus.Approved },
        OrderRejected e => this with { Status = OrderStatus.Rejected, RejectionReason = e.Reason },
        OrderCancelled => this with { Status = OrderStatus.Cancelled, RejectionReason = FailureReasons.Cancelled },
        OrderCompensationFailed e => this with
        {
            Status = OrderStatus.CompensationFailed,
            FailedStep = e.FailedStep,
            FailureDetail = e.Detail,
        },
        OrderCompensationResolved e => this with
        {
            Status = e.Reason == FailureReasons.Cancelled ? OrderStatus.Cancelled : OrderStatus.Rejected,
            RejectionReason = e.Reason,
        },
        null => throw new ArgumentNullException(nameof(@event)),
        _ => throw new ArgumentException($"{@event.GetType()} is not an Ordering event.", nameof(@event)),
    };

    /// <summary>
    /// Places the order (PENDING) with priced <paramref name="items"/>; the total is computed here.
    /// Placing the same order again (same customer, items, token and style; any time) is a no-op;
    /// different content under the same id fails <see cref="DomainErrors.AlreadyExists"/>.
    /// Invalid input fails <see cref="DomainErrors.ValidationFailed"/>.
    /// </summary>
    public CommandResult Place(
        string orderId,
        string customerId,
        IReadOnlyList<OrderLine> items,
        string paymentToken,
        string sagaStyle,
        DateTimeOffset placedAt)
    {
        ArgumentNullException.ThrowIfNull(items);
        var errors = Validate(orderId, customerId, items, paymentToken, sagaStyle);
        if (errors.Count > 0)
        {
            return CommandResult.Fail(DomainErrors.ValidationFailed, FieldErrors.Describe(errors));
        }

        if (IsPlaced)
        {
            var same = OrderId == orderId
                && CustomerId == customerId
                && Items.SequenceEqual(items)
                && PaymentToken == paymentToken
                && SagaStyle == sagaStyle;
            return same
                ? CommandResult.NoChange
                : CommandResult.Fail(DomainErrors.AlreadyExists, $"Order '{OrderId}' already exists with other content.");
        }

        OrderLine[] lines = [.. items];
        return CommandResult.Success(new OrderPlaced(
            orderId, customerId, lines, OrderPricing.Total(lines), paymentToken, sagaStyle, placedAt));
    }

    /// <summary>PENDING → APPROVED.</summary>
    public CommandResult Approve() =>
        Transition(OrderStatus.Approved, () => new OrderApproved(OrderId));

    /// <summary>PENDING → REJECTED with <paramref name="reason"/>; a repeat keeps the first reason.</summary>
    /// <exception cref="ArgumentException"><paramref name="reason"/> is not one of <see cref="FailureReasons"/>.</exception>
    public CommandResult Reject(string reason)
    {
        if (!FailureReasons.IsRejectionReason(reason))
        {
            throw new ArgumentException($"'{reason}' is not a rejection reason.", nameof(reason));
        }

        return Transition(OrderStatus.Rejected, () => new OrderRejected(OrderId, reason));
    }

    /// <summary>PENDING → CANCELLED (rejection reason CANCELLED).</summary>
    public CommandResult Cancel() =>
        Transition(OrderStatus.Cancelled, () => new OrderCancelled(OrderId));

    /// <summary>PENDING → COMPENSATION_FAILED, recording the compensation that kept failing.</summary>
    public CommandResult MarkCompensationFailed(string failedStep, string detail)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(failedStep);
        return Transition(OrderStatus.CompensationFailed, () => new OrderCompensationFailed(OrderId, failedStep, detail ?? string.Empty));
    }

    /// <summary>
    /// COMPENSATION_FAILED → REJECTED with <paramref name="reason"/> (CANCELLED for a cancel), once an
    /// operator's rerun of the compensations succeeded; the failed step stays on record. The only change
    /// a final status allows: COMPENSATION_FAILED means "not settled yet, waiting for an operator". A
    /// repeat on the resolved order is a no-op; any other order fails <see cref="DomainErrors.NotCompensationFailed"/>.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="reason"/> is not one of <see cref="FailureReasons"/>.</exception>
    public CommandResult ResolveCompensation(string reason)
    {
        if (!FailureReasons.IsRejectionReason(reason))
        {
            throw new ArgumentException($"'{reason}' is not a rejection reason.", nameof(reason));
        }

        if (!IsPlaced)
        {
            return CommandResult.Fail(DomainErrors.UnknownOrder, "The order has not been placed.");
        }

        if (Status == OrderStatus.CompensationFailed)
        {
            return CommandResult.Success(new OrderCompensationResolved(OrderId, reason));
        }

        return FailedStep is not null && RejectionReason == reason
            ? CommandResult.NoChange
            : CommandResult.Fail(DomainErrors.NotCompensationFailed, $"Order '{OrderId}' is {Status}, not {OrderStatus.CompensationFailed}: there is no failed compensation to resolve.");
    }

    private CommandResult Transition(string target, Func<IDomainEvent> createEvent)
    {
        if (!IsPlaced)
        {
            return CommandResult.Fail(DomainErrors.UnknownOrder, "The order has not been placed.");
        }

        if (Status == target)
        {
            return CommandResult.NoChange;
        }

        if (IsFinal)
        {
            return CommandResult.Fail(
                DomainErrors.OrderAlreadyFinal,
                string.Create(CultureInfo.InvariantCulture, $"Order '{OrderId}' is {Status}; it cannot become {target}."));
        }

        return CommandResult.Success(createEvent());
    }

    private static IReadOnlyDictionary<string, string[]> Validate(
        string orderId, string customerId, IReadOnlyList<OrderLine> items, string paymentToken, string sagaStyle)
    {
        var errors = new FieldErrors();
        Rules.Id(errors, "orderId", orderId);
        var request = new PlaceOrderRequest(customerId, [.. items.Select(i => new PlaceOrderItem(i.Sku, i.Quantity))], paymentToken);
        foreach (var (field, messages) in PlaceOrderValidator.Validate(request))
        {
            foreach (var message in messages)
            {
                errors.Add(field, message);
            }
        }

        for (var i = 0; i < items.Count; i++)
        {
            // 0 means "not in the catalog": the order is still taken, and the saga rejects it
            // with UNKNOWN_PRODUCT when Inventory does not know the SKU either.
            if (items[i].UnitPrice is < 0 or > MaxUnitPrice)
            {
                var path = FieldErrors.Path("items", i, "unitPrice");
                errors.Add(path, string.Create(CultureInfo.InvariantCulture, $"{path} must be between 0 and {MaxUnitPrice}."));
            }
        }

        if (!SagaStyles.IsKnown(sagaStyle))
        {
            errors.Add("sagaStyle", $"sagaStyle must be '{SagaStyles.Orchestration}' or '{SagaStyles.Choreography}'.");
        }

        return errors.ToDictionary();
    }

    public bool Equals(OrderState? other) =>
        other is not null
        && OrderId == other.OrderId
        && CustomerId == other.CustomerId
        && Items.SequenceEqual(other.Items)
        && Total == other.Total
        && PaymentToken == other.PaymentToken
        && SagaStyle == other.SagaStyle
        && PlacedAt == other.PlacedAt
        && Status == other.Status
        && RejectionReason == other.RejectionReason
        && FailedStep == other.FailedStep
        && FailureDetail == other.FailureDetail;

    public override int GetHashCode() => HashCode.Combine(OrderId, Status, Total, Items.Count, RejectionReason);
}
