using System.Net;
using Microsoft.Extensions.DependencyInjection;
using SagaFunctions.App.Platform.Telemetry;
using SagaFunctions.App.Saga;
using SagaFunctions.App.Tests.Hosting;
using SagaFunctions.Domain;
using SagaFunctions.Domain.Saga;
using SagaFunctions.App.Customers;
using SagaFunctions.App.Platform.Storage;
using SagaFunctions.Testing;

namespace SagaFunctions.App.Tests.Choreography;

/// <summary>
/// Two handlers of one event on two instances (a duplicate delivery) can decide a step differently:
/// one finds the credit short, the other, a moment later, finds it freed and reserves it. No in-process
/// turn can keep them apart. The pivot protocol makes the outcome safe anyway: the failure gives up on
/// the payment first, and the compensations then release what the other handler reserved.
/// </summary>
[Collection(AppHostCollectionDefinition.Name)]
public sealed class ConcurrentDecisionTests(AppHostFixture host)
{
    private readonly SagaDriver _driver = new(host);

    [Fact]
    public async Task A_credit_step_failed_by_one_handler_and_reserved_by_another_ends_rejected_with_the_credit_released()
    {
        var customer = await _driver.RegisterCustomerAsync(30m);
        var sku = await _driver.AddProductAsync(10m, 5);

        // The first order holds 20 of the 30 at the pivot.
        var firstKey = Guid.NewGuid().ToString("N");
        var first = SagaDriver.OrderIdFor(customer, firstKey);
        using var firstCapture = host.Holds.Hold("CapturePayment", first);
        await _driver.PlaceOrderAsync(customer, [(sku, 2)], style: "choreography", key: firstKey);
        await firstCapture.Reached.WaitAsync(TimeSpan.FromSeconds(90));

        // The second finds 10 left: credit refused, the payment given up, its compensations about to run.
        var secondKey = Guid.NewGuid().ToString("N");
        var second = SagaDriver.OrderIdFor(customer, secondKey);
        using var secondRelease = host.Holds.Hold("ReleaseCredit", second);
        await _driver.PlaceOrderAsync(customer, [(sku, 2)], style: "choreography", key: secondKey);
        await secondRelease.Reached.WaitAsync(TimeSpan.FromSeconds(90));

        // The first is cancelled and gives its 20 back; then a second handler of the second order's
        // OrderPlaced, on another instance, reserves the credit it now finds free.
        Assert.Equal(HttpStatusCode.Accepted, (await _driver.CancelAsync(first)).StatusCode);
        firstCapture.Release();
        await _driver.WaitForFinalOrderAsync(first);
        var order = (await new AppStreams(host.Host.Services).Orders.LoadAsync(StreamNames.Order(second))).State;
        var duplicate = await new CustomerService(new AppStreams(host.Host.Services).Customers, new NoFaults(), host.Host.Services.GetRequiredService<SagaMetrics>())
            .ReserveCreditAsync(new OrderSagaInput(second, customer, order.Items, order.Total, order.PaymentToken), CancellationToken.None);
        var heldByTheDuplicate = 30m - await _driver.AvailableCreditAsync(customer);

        secondRelease.Release();
        var rejected = await _driver.WaitForFinalOrderAsync(second);

        Assert.True(duplicate.Succeeded);
        Assert.Equal(20m, heldByTheDuplicate);
        Assert.Equal(("REJECTED", FailureReasons.InsufficientCredit), (rejected.Status, rejected.RejectionReason));
        Assert.Equal(30m, await _driver.AvailableCreditAsync(customer));
        Assert.Equal(5, await _driver.AvailableStockAsync(sku));
    }
}
