using SagaFunctions.Domain.Ordering;
using SagaFunctions.Domain.Saga;
using static SagaFunctions.Domain.Tests.TestData;

namespace SagaFunctions.Domain.Tests.Ordering;

/// <summary>An operator's rerun of a failed compensation settles the order as its saga would have.</summary>
public class ResolveCompensationTests
{
    private static readonly OrderCompensationFailed Failed = new(OrderId, SagaStep.ReleaseCredit, "storage down");

    [Fact]
    public void Resolving_a_compensation_failed_order_rejects_it_with_the_payments_reason()
    {
        var resolved = Given(Placed(), Failed)
            .When(order => order.ResolveCompensation(FailureReasons.PaymentDeclined))
            .Then(new OrderCompensationResolved(OrderId, FailureReasons.PaymentDeclined));

        Assert.Equal((OrderStatus.Rejected, FailureReasons.PaymentDeclined, SagaStep.ReleaseCredit), (resolved.Status, resolved.RejectionReason, resolved.FailedStep));
    }

    [Fact]
    public void Resolving_a_cancelled_sagas_failed_compensation_cancels_the_order()
    {
        var resolved = Given(Placed(), Failed)
            .When(order => order.ResolveCompensation(FailureReasons.Cancelled))
            .Then(new OrderCompensationResolved(OrderId, FailureReasons.Cancelled));

        Assert.Equal(OrderStatus.Cancelled, resolved.Status);
    }

    [Fact]
    public void Resolving_again_is_an_idempotent_no_op()
    {
        Given(Placed(), Failed, new OrderCompensationResolved(OrderId, FailureReasons.PaymentDeclined))
            .When(order => order.ResolveCompensation(FailureReasons.PaymentDeclined))
            .ThenNoChange();
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void An_order_whose_compensations_did_not_fail_is_refused(bool rejected)
    {
        IDomainEvent[] history = rejected ? [Placed(), new OrderRejected(OrderId, FailureReasons.PaymentDeclined)] : [Placed()];

        Given(history)
            .When(order => order.ResolveCompensation(FailureReasons.PaymentDeclined))
            .ThenFails(DomainErrors.NotCompensationFailed);
    }

    [Fact]
    public void An_order_never_placed_is_unknown()
    {
        Given()
            .When(order => order.ResolveCompensation(FailureReasons.PaymentDeclined))
            .ThenFails(DomainErrors.UnknownOrder);
    }

    private static AggregateSpec<OrderState> Given(params IDomainEvent[] history) => Spec.Given(OrderState.Fold, history);
}
