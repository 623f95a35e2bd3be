using SagaFunctions.App.Tests.Platform;
using SagaFunctions.Domain;
using SagaFunctions.Domain.Customers;
using SagaFunctions.Domain.Ordering;
using SagaFunctions.Domain.Payments;
using SagaFunctions.Domain.Saga;

namespace SagaFunctions.App.Tests.Customers;

/// <summary>The Customers service on in-memory streams: what a step appends, once.</summary>
public sealed class CustomerServiceTests
{
    private readonly InMemoryContexts _app = new();

    [Fact]
    public async Task A_retried_reservation_appends_its_event_once()
    {
        await _app.Customers.RegisterAsync("c1", "Ada", 100m, CancellationToken.None);
        var order = Order("o1", "c1", 30m);

        var first = await _app.Customers.ReserveCreditAsync(order, CancellationToken.None);
        var retried = await _app.Customers.ReserveCreditAsync(order, CancellationToken.None);

        Assert.True(first.Succeeded && retried.Succeeded);
        Assert.Equal([CustomerRegistered.TypeName, CreditReserved.TypeName], _app.CustomerStreams.Events(StreamNames.Customer("c1")).Select(e => e.EventType));
        Assert.Equal("o1:ReserveCredit", _app.CustomerStreams.Events(StreamNames.Customer("c1"))[1].EventId);
    }

    [Fact]
    public async Task An_order_with_nothing_priced_reserves_nothing()
    {
        await _app.Customers.RegisterAsync("c1", "Ada", 100m, CancellationToken.None);

        var reserved = await _app.Customers.ReserveCreditAsync(Order("o1", "c1", 0m), CancellationToken.None);

        Assert.Equal(StepResult.Success(SagaStep.ReserveCredit, "nothing to reserve"), reserved);
        Assert.Single(_app.CustomerStreams.Events(StreamNames.Customer("c1")));
    }

    [Fact]
    public async Task A_release_needs_the_evidence_that_the_payment_was_not_captured()
    {
        await _app.Customers.RegisterAsync("c1", "Ada", 100m, CancellationToken.None);
        var order = Order("o1", "c1", 30m);
        await _app.Customers.ReserveCreditAsync(order, CancellationToken.None);

        await Assert.ThrowsAsync<InvalidOperationException>(() => _app.Customers.ReleaseCreditAsync(order, PaymentDecision.Capture, CancellationToken.None));
        await _app.Customers.ReleaseCreditAsync(order, PaymentDecision.NotCaptured(FailureReasons.OutOfStock), CancellationToken.None);

        Assert.Equal(100m, (await _app.CustomerStreams.LoadAsync(StreamNames.Customer("c1"))).State.AvailableCredit);
    }

    private static OrderSagaInput Order(string orderId, string customerId, decimal total) =>
        new(orderId, customerId, [new OrderLine("SKU-1", 1, total)], total, PaymentTokens.Visa);
}
