using SagaFunctions.Domain.Ordering;
using SagaFunctions.Domain.Saga;
using static SagaFunctions.Domain.Tests.TestData;

namespace SagaFunctions.Domain.Tests.Ordering;

public class OrderStateTests
{
    private static OrderState Pending() => OrderState.Fold([Placed()]);

    [Fact]
    public void Place_emits_OrderPlaced_with_the_computed_total_and_the_given_time()
    {
        OrderState.Empty.Place(OrderId, CustomerId, Lines(), "tok_visa", SagaStyles.Orchestration, PlacedAt)
            .ThenEmits(Placed());
    }

    [Fact]
    public void Fold_of_OrderPlaced_gives_a_pending_order()
    {
        var state = Pending();

        Assert.Equal(OrderStatus.Pending, state.Status);
        Assert.Equal(25.25m, state.Total);
        Assert.Equal(CustomerId, state.CustomerId);
        Assert.Equal(Lines(), state.Items);
        Assert.False(state.IsFinal);
        Assert.Null(state.RejectionReason);
    }

    [Fact]
    public void Place_again_with_the_same_content_is_an_idempotent_no_op_even_at_another_time()
    {
        Pending().Place(OrderId, CustomerId, Lines(), "tok_visa", SagaStyles.Orchestration, PlacedAt.AddMinutes(1))
            .ThenNoChange();
    }

    [Fact]
    public void Place_again_with_other_content_fails_already_exists()
    {
        Pending().Place(OrderId, CustomerId, Lines(), "tok_declined", SagaStyles.Orchestration, PlacedAt)
            .ThenFails(DomainErrors.AlreadyExists);
    }

    [Fact]
    public void Place_with_invalid_input_fails_validation_naming_the_fields()
    {
        OrderLine[] items = [new OrderLine("SKU 1", 0, -1m)];

        var failure = OrderState.Empty.Place("", "", items, "", "saga", PlacedAt).ThenFails(DomainErrors.ValidationFailed);

        foreach (var field in new[] { "orderId", "customerId", "items[0].sku", "items[0].quantity", "items[0].unitPrice", "paymentToken", "sagaStyle" })
        {
            Assert.Contains(field + ":", failure.Detail, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Place_without_items_fails_validation()
    {
        OrderState.Empty.Place(OrderId, CustomerId, [], "tok_visa", SagaStyles.Choreography, PlacedAt)
            .ThenFails(DomainErrors.ValidationFailed);
    }

    [Fact]
    public void Approve_a_pending_order_emits_OrderApproved()
    {
        Pending().Approve().ThenEmits(new OrderApproved(OrderId));
    }

    [Fact]
    public void Reject_a_pending_order_emits_OrderRejected_with_the_reason()
    {
        Pending().Reject(FailureReasons.InsufficientCredit).ThenEmits(new OrderRejected(OrderId, FailureReasons.InsufficientCredit));
    }

    [Fact]
    public void Cancel_a_pending_order_emits_OrderCancelled()
    {
        Pending().Cancel().ThenEmits(new OrderCancelled(OrderId));
    }

    [Fact]
    public void MarkCompensationFailed_on_a_pending_order_emits_OrderCompensationFailed()
    {
        Pending().MarkCompensationFailed(SagaStep.ReleaseCredit, "storage down")
            .ThenEmits(new OrderCompensationFailed(OrderId, SagaStep.ReleaseCredit, "storage down"));
    }

    public static TheoryData<string, string?> FinalEvents => new()
    {
        { OrderApproved.TypeName, null },
        { OrderRejected.TypeName, FailureReasons.OutOfStock },
        { OrderCancelled.TypeName, FailureReasons.Cancelled },
        { OrderCompensationFailed.TypeName, null },
    };

    [Theory]
    [MemberData(nameof(FinalEvents))]
    public void Fold_of_a_final_event_sets_the_final_status_and_reason(string typeName, string? expectedReason)
    {
        var state = Pending().Apply(FinalEvent(typeName));

        Assert.True(state.IsFinal);
        Assert.Equal(expectedReason, state.RejectionReason);
    }

    [Theory]
    [MemberData(nameof(FinalEvents))]
    public void Repeating_the_same_final_transition_is_an_idempotent_no_op(string typeName, string? expectedReason)
    {
        _ = expectedReason;
        var state = Pending().Apply(FinalEvent(typeName));

        Transition(state, typeName).ThenNoChange();
    }

    [Theory]
    [MemberData(nameof(FinalEvents))]
    public void A_final_order_cannot_change_to_another_status(string typeName, string? expectedReason)
    {
        _ = expectedReason;
        var state = Pending().Apply(FinalEvent(typeName));

        foreach (var other in FinalEvents.Select(row => (string)row[0]).Where(t => t != typeName))
        {
            Transition(state, other).ThenFails(DomainErrors.OrderAlreadyFinal);
        }
    }

    [Fact]
    public void Reject_again_with_another_reason_keeps_the_first_reason()
    {
        var state = Pending().Apply(new OrderRejected(OrderId, FailureReasons.OutOfStock));

        state.Reject(FailureReasons.Timeout).ThenNoChange();
        Assert.Equal(FailureReasons.OutOfStock, state.RejectionReason);
    }

    [Fact]
    public void Status_changes_of_an_order_never_placed_fail_unknown_order()
    {
        OrderState.Empty.Approve().ThenFails(DomainErrors.UnknownOrder);
        OrderState.Empty.Reject(FailureReasons.Timeout).ThenFails(DomainErrors.UnknownOrder);
        OrderState.Empty.Cancel().ThenFails(DomainErrors.UnknownOrder);
        OrderState.Empty.MarkCompensationFailed(SagaStep.ReleaseStock, "x").ThenFails(DomainErrors.UnknownOrder);
    }

    [Fact]
    public void Reject_with_a_reason_that_is_not_a_rejection_reason_is_a_programming_error()
    {
        Assert.Throws<ArgumentException>(() => Pending().Reject("SOMETHING"));
    }

    [Fact]
    public void Statuses_are_the_documented_strings()
    {
        Assert.Equal(["PENDING", "APPROVED", "REJECTED", "CANCELLED", "COMPENSATION_FAILED"], OrderStatus.All);
        Assert.Equal(
            ["UNKNOWN_CUSTOMER", "INSUFFICIENT_CREDIT", "UNKNOWN_PRODUCT", "OUT_OF_STOCK", "PAYMENT_DECLINED", "CANCELLED", "TIMEOUT"],
            FailureReasons.All);
    }

    private static IDomainEvent FinalEvent(string typeName) => typeName switch
    {
        OrderApproved.TypeName => new OrderApproved(OrderId),
        OrderRejected.TypeName => new OrderRejected(OrderId, FailureReasons.OutOfStock),
        OrderCancelled.TypeName => new OrderCancelled(OrderId),
        OrderCompensationFailed.TypeName => new OrderCompensationFailed(OrderId, SagaStep.ReleaseStock, "gave up"),
        _ => throw new ArgumentOutOfRangeException(nameof(typeName)),
    };

    private static CommandResult Transition(OrderState state, string typeName) => typeName switch
    {
        OrderApproved.TypeName => state.Approve(),
        OrderRejected.TypeName => state.Reject(FailureReasons.OutOfStock),
        OrderCancelled.TypeName => state.Cancel(),
        OrderCompensationFailed.TypeName => state.MarkCompensationFailed(SagaStep.ReleaseStock, "gave up"),
        _ => throw new ArgumentOutOfRangeException(nameof(typeName)),
    };
}
