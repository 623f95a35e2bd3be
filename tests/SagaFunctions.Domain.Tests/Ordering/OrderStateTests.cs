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
        Given()
            .When(order => order.Place(OrderId, CustomerId, Lines(), "tok_visa", SagaStyles.Orchestration, PlacedAt))
            .Then(Placed());
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
        Given(Placed())
            .When(order => order.Place(OrderId, CustomerId, Lines(), "tok_visa", SagaStyles.Orchestration, PlacedAt.AddMinutes(1)))
            .ThenNoChange();
    }

    [Fact]
    public void Place_again_with_other_content_fails_already_exists()
    {
        Given(Placed())
            .When(order => order.Place(OrderId, CustomerId, Lines(), "tok_declined", SagaStyles.Orchestration, PlacedAt))
            .ThenFails(DomainErrors.AlreadyExists);
    }

    [Fact]
    public void Place_with_invalid_input_fails_validation_naming_the_fields()
    {
        OrderLine[] items = [new OrderLine("SKU 1", 0, -1m)];

        var failure = Given()
            .When(order => order.Place("", "", items, "", "saga", PlacedAt))
            .ThenFails(DomainErrors.ValidationFailed);

        foreach (var field in new[] { "orderId", "customerId", "items[0].sku", "items[0].quantity", "items[0].unitPrice", "paymentToken", "sagaStyle" })
        {
            Assert.Contains(field + ":", failure.Detail, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Place_without_items_fails_validation()
    {
        Given()
            .When(order => order.Place(OrderId, CustomerId, [], "tok_visa", SagaStyles.Choreography, PlacedAt))
            .ThenFails(DomainErrors.ValidationFailed);
    }

    [Fact]
    public void Approve_a_pending_order_emits_OrderApproved()
    {
        Given(Placed())
            .When(order => order.Approve())
            .Then(new OrderApproved(OrderId));
    }

    [Fact]
    public void Reject_a_pending_order_emits_OrderRejected_with_the_reason()
    {
        Given(Placed())
            .When(order => order.Reject(FailureReasons.InsufficientCredit))
            .Then(new OrderRejected(OrderId, FailureReasons.InsufficientCredit));
    }

    [Fact]
    public void Cancel_a_pending_order_emits_OrderCancelled()
    {
        Given(Placed())
            .When(order => order.Cancel())
            .Then(new OrderCancelled(OrderId));
    }

    [Fact]
    public void MarkCompensationFailed_on_a_pending_order_emits_OrderCompensationFailed()
    {
        Given(Placed())
            .When(order => order.MarkCompensationFailed(SagaStep.ReleaseCredit, "storage down"))
            .Then(new OrderCompensationFailed(OrderId, SagaStep.ReleaseCredit, "storage down"));
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

        Given(Placed(), FinalEvent(typeName))
            .When(order => Transition(order, typeName))
            .ThenNoChange();
    }

    [Theory]
    [MemberData(nameof(FinalEvents))]
    public void A_final_order_cannot_change_to_another_status(string typeName, string? expectedReason)
    {
        _ = expectedReason;
        var final = Given(Placed(), FinalEvent(typeName));

        foreach (var other in FinalEvents.Select(row => (string)row[0]).Where(t => t != typeName))
        {
            final.When(order => Transition(order, other)).ThenFails(DomainErrors.OrderAlreadyFinal);
        }
    }

    [Fact]
    public void Reject_again_with_another_reason_keeps_the_first_reason()
    {
        var state = Given(Placed(), new OrderRejected(OrderId, FailureReasons.OutOfStock))
            .When(order => order.Reject(FailureReasons.Timeout))
            .ThenNoChange();

        Assert.Equal(FailureReasons.OutOfStock, state.RejectionReason);
    }

    [Fact]
    public void Status_changes_of_an_order_never_placed_fail_unknown_order()
    {
        Given().When(order => order.Approve()).ThenFails(DomainErrors.UnknownOrder);
        Given().When(order => order.Reject(FailureReasons.Timeout)).ThenFails(DomainErrors.UnknownOrder);
        Given().When(order => order.Cancel()).ThenFails(DomainErrors.UnknownOrder);
        Given().When(order => order.MarkCompensationFailed(SagaStep.ReleaseStock, "x")).ThenFails(DomainErrors.UnknownOrder);
    }

    [Fact]
    public void Reject_with_a_reason_that_is_not_a_rejection_reason_is_a_programming_error()
    {
        Given(Placed())
            .When(order => order.Reject("SOMETHING"))
            .ThenThrows<ArgumentException>();
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

    private static AggregateSpec<OrderState> Given(params IDomainEvent[] history) => Spec.Given(OrderState.Fold, history);
}
