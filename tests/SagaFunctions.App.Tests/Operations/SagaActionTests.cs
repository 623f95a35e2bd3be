using System.Net;
using SagaFunctions.App.Tests.Hosting;
using SagaFunctions.Domain;
using SagaFunctions.Domain.Customers;
using SagaFunctions.Domain.Payments;
using SagaFunctions.Domain.Saga;
using SagaFunctions.Testing;

namespace SagaFunctions.App.Tests.Operations;

/// <summary>
/// The operator's actions on one saga through the API, against the real app: each one's effect on the
/// streams, and each refusal with its reason (problem+json).
/// </summary>
[Collection(AppHostCollectionDefinition.Name)]
public sealed class SagaActionTests(AppHostFixture app)
{
    private readonly SagaDriver _driver = new(app);
    private readonly OperatorClient _operator = new(app.Http);

    [Fact]
    public async Task Ending_a_stuck_saga_gives_up_the_payment_terminates_it_and_releases_what_it_held_and_a_final_order_cannot_be_ended()
    {
        var (customer, sku, orderId, hold) = await PlaceHeldAsync("tok_visa", SagaStep.CapturePayment);
        using (hold)
        {
            await hold.Reached; // credit and stock reserved, the saga stands at the pivot
            Assert.Equal(80m, await _driver.AvailableCreditAsync(customer));

            var (status, body) = await _operator.EndAsync(orderId);

            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Equal("REJECTED", body.GetProperty("status").GetString());
        }

        var order = await _driver.OrderAsync(orderId);
        Assert.Equal(("REJECTED", FailureReasons.EndedByOperator), (order.Status, order.RejectionReason));
        Assert.Equal(100m, await _driver.AvailableCreditAsync(customer));
        Assert.Equal(5, await _driver.AvailableStockAsync(sku));
        var saga = await app.Durable.EventuallyCompletedAsync(orderId);
        Assert.Equal("Terminated", saga.RuntimeStatus.ToString());
        // The held capture, let go after the end, finds the payment given up: it can capture nothing.
        Assert.Equal(PaymentOutcome.Abandoned, (await _driver.PaymentAsync(orderId)).Outcome);

        var (again, problem) = await _operator.EndAsync(orderId);
        Assert.Equal(HttpStatusCode.Conflict, again);
        Assert.Contains("REJECTED", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ending_a_stalled_choreography_releases_what_its_chain_reserved()
    {
        var customer = await _driver.RegisterCustomerAsync(100m);
        var sku = await _driver.AddProductAsync(10m, 5);
        // tok_timeout: the gateway never answers, the chain stands after the stock reservation.
        var orderId = await _driver.PlaceOrderAsync(customer, [(sku, 2)], token: "tok_timeout", style: "choreography");
        await Eventually.TrueAsync(async () => await _driver.AvailableStockAsync(sku) == 3, "the chain reserved the stock");

        var (status, body) = await _operator.EndAsync(orderId);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("REJECTED", body.GetProperty("status").GetString());
        Assert.Equal(FailureReasons.EndedByOperator, (await _driver.OrderAsync(orderId)).RejectionReason);
        Assert.Equal(100m, await _driver.AvailableCreditAsync(customer));
        Assert.Equal(5, await _driver.AvailableStockAsync(sku));
    }

    [Fact]
    public async Task A_saga_past_its_capture_is_neither_ended_nor_cancelled_and_goes_forward()
    {
        var (customer, _, orderId, hold) = await PlaceHeldAsync("tok_visa", SagaStep.ApproveOrder);
        using (hold)
        {
            await hold.Reached; // captured, not yet approved

            var (end, endProblem) = await _operator.EndAsync(orderId);
            var cancel = await _driver.CancelAsync(orderId);

            Assert.Equal(HttpStatusCode.Conflict, end);
            Assert.Contains("captured", endProblem.GetProperty("detail").GetString(), StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.Conflict, cancel.StatusCode);
        }

        Assert.Equal("APPROVED", (await _driver.WaitForFinalOrderAsync(orderId)).Status);
        Assert.Equal(80m, await _driver.AvailableCreditAsync(customer));
    }

    [Fact]
    public async Task Retrying_a_failed_compensation_gives_the_credit_back_exactly_once_and_settles_the_order()
    {
        var (customer, sku, orderId) = await PlaceAsync(token: "tok_declined", failing: SagaStep.ReleaseCredit);
        Assert.Equal("COMPENSATION_FAILED", (await _driver.WaitForFinalOrderAsync(orderId)).Status);
        Assert.Equal(80m, await _driver.AvailableCreditAsync(customer)); // left reserved

        // Still failing: refused for now, nothing changes.
        var (stillFailing, _) = await _operator.RetryCompensationAsync(orderId);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, stillFailing);
        Assert.Equal("COMPENSATION_FAILED", (await _driver.OrderAsync(orderId)).Status);

        // The cause is fixed; two operators retry at once.
        app.Faults.FailBefore(SagaStep.ReleaseCredit, orderId, 0);
        var retries = await Task.WhenAll(_operator.RetryCompensationAsync(orderId), _operator.RetryCompensationAsync(orderId));
        Assert.Contains(retries, r => r.Status == HttpStatusCode.OK);
        Assert.All(retries, r => Assert.True(r.Status is HttpStatusCode.OK or HttpStatusCode.Conflict, r.Status.ToString()));

        var order = await _driver.OrderAsync(orderId);
        Assert.Equal(("REJECTED", FailureReasons.PaymentDeclined, SagaStep.ReleaseCredit), (order.Status, order.RejectionReason, order.FailedStep));
        Assert.Equal(100m, await _driver.AvailableCreditAsync(customer));
        Assert.Equal(5, await _driver.AvailableStockAsync(sku));
        var releases = 0;
        await foreach (var recorded in new AppStreams(app.Host.Services).Customers.ReadAsync(StreamNames.Customer(customer)))
        {
            releases += recorded.Data is CreditReleased released && released.OrderId == orderId ? 1 : 0;
        }

        Assert.Equal(1, releases);

        var (third, problem) = await _operator.RetryCompensationAsync(orderId);
        Assert.Equal(HttpStatusCode.Conflict, third);
        Assert.Contains("not COMPENSATION_FAILED", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(100m, await _driver.AvailableCreditAsync(customer));
    }

    [Fact]
    public async Task Retry_on_an_order_whose_compensations_did_not_fail_and_actions_on_an_unknown_order_are_refused()
    {
        var (_, _, orderId) = await PlaceAsync(token: "tok_visa");
        Assert.Equal("APPROVED", (await _driver.WaitForFinalOrderAsync(orderId)).Status);

        var (retry, problem) = await _operator.RetryCompensationAsync(orderId);
        Assert.Equal(HttpStatusCode.Conflict, retry);
        Assert.Contains("APPROVED", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await _operator.RetryCompensationAsync("no-such-order")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await _operator.EndAsync("no-such-order")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await _operator.PurgeHistoryAsync("no-such-order")).Status);
    }

    [Fact]
    public async Task Purging_history_is_refused_while_the_saga_runs_and_afterwards_the_order_still_answers_from_its_stream_and_views()
    {
        var (customer, _, orderId, hold) = await PlaceHeldAsync("tok_visa", SagaStep.ReserveStock);
        using (hold)
        {
            await hold.Reached;
            var (running, problem) = await _operator.PurgeHistoryAsync(orderId);
            Assert.Equal(HttpStatusCode.Conflict, running);
            Assert.Contains("Running", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        await _driver.WaitForFinalOrderAsync(orderId);
        var (purged, _) = await _operator.PurgeHistoryAsync(orderId);

        Assert.Equal(HttpStatusCode.OK, purged);
        Assert.Null(await app.Durable.GetInstanceAsync(orderId));
        Assert.Equal(HttpStatusCode.NotFound, (await _operator.PurgeHistoryAsync(orderId)).Status);
        await app.Http.EventuallyGetAsync($"/api/orders/{orderId}", o => o.GetProperty("status").GetString() == "APPROVED", "the order view stays");
        Assert.NotNull(await app.Http.GetJsonAsync($"/api/orders/{orderId}/events"));
        await _operator.EventuallyListedAsync(customer, new Dictionary<string, string> { [orderId] = "APPROVED" });
    }

    /// <summary>A customer (credit 100), a product (stock 5, price 10) and an order of 2 with <paramref name="step"/> held at its start.</summary>
    private async Task<(string Customer, string Sku, string OrderId, StepHold Hold)> PlaceHeldAsync(string token, string step)
    {
        StepHold? hold = null;
        var (customer, sku, orderId) = await PlaceAsync(token, orderId => hold = app.Holds.Hold(step, orderId));
        return (customer, sku, orderId, hold!);
    }

    /// <summary>The same order, with <paramref name="failing"/> failing every time until the test disarms it.</summary>
    private Task<(string Customer, string Sku, string OrderId)> PlaceAsync(string token, string? failing = null) =>
        PlaceAsync(token, orderId =>
        {
            if (failing is not null)
            {
                app.Faults.FailBefore(failing, orderId, int.MaxValue);
            }
        });

    private async Task<(string Customer, string Sku, string OrderId)> PlaceAsync(string token, Action<string> beforePlacing)
    {
        var key = Guid.NewGuid().ToString("N");
        var customer = await _driver.RegisterCustomerAsync(100m);
        var sku = await _driver.AddProductAsync(10m, 5);
        beforePlacing(SagaDriver.OrderIdFor(customer, key));
        var orderId = await _driver.PlaceOrderAsync(customer, [(sku, 2)], token: token, key: key);
        return (customer, sku, orderId);
    }
}
