using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Data.Tables;
using SagaFunctions.App.Tests.Hosting;
using SagaFunctions.LocalHost.Configuration;
using SagaFunctions.Testing;

namespace SagaFunctions.App.Tests.Saga;

[Collection(AppHostCollectionDefinition.Name)]
public sealed class SagaFaultTests(AppHostFixture app)
{
    private readonly SagaDriver _driver = new(app);

    [Fact]
    public async Task A_step_that_fails_after_committing_is_retried_and_its_effect_applied_once()
    {
        var customer = await _driver.RegisterCustomerAsync(100m);
        var sku = await _driver.AddProductAsync(10m, 5);
        var key = Guid.NewGuid().ToString("N");
        var orderId = SagaDriver.OrderIdFor(customer, key);
        // The reservation commits, then the activity "crashes" twice before answering.
        app.Faults.FailAfter("ReserveCredit", orderId, 2);
        app.Faults.FailBefore("ReserveStock", orderId, 1);

        await _driver.PlaceOrderAsync(customer, [(sku, 4)], key: key);
        var order = await _driver.WaitForFinalOrderAsync(orderId);

        Assert.Equal("APPROVED", order.Status);
        Assert.Equal(3, app.Faults.Calls("ReserveCredit", orderId));
        Assert.Equal(2, app.Faults.Calls("ReserveStock", orderId));
        Assert.Equal(60m, await _driver.AvailableCreditAsync(customer));
        Assert.Equal(1, await _driver.AvailableStockAsync(sku));

        // Each failed attempt is on the timeline, with its error, inside the step's one entry.
        var steps = (await _driver.SagaAsync(orderId)).GetProperty("progress").GetProperty("steps").EnumerateArray().ToList();
        var credit = Assert.Single(steps, s => s.GetProperty("name").GetString() == "ReserveCredit");
        Assert.Equal((3, "SUCCEEDED"), (credit.GetProperty("attempts").GetInt32(), credit.GetProperty("outcome").GetString()));
        Assert.Equal([1, 2], credit.GetProperty("failedAttempts").EnumerateArray().Select(a => a.GetProperty("attempt").GetInt32()));
        Assert.All(credit.GetProperty("failedAttempts").EnumerateArray(), a => Assert.Contains("Injected fault after ReserveCredit", a.GetProperty("error").GetString(), StringComparison.Ordinal));
        var stock = Assert.Single(steps, s => s.GetProperty("name").GetString() == "ReserveStock");
        Assert.Equal(2, stock.GetProperty("attempts").GetInt32());
        Assert.Equal(1, Assert.Single(steps, s => s.GetProperty("name").GetString() == "ApproveOrder").GetProperty("attempts").GetInt32());

        // The saga runs the retry policy itself with the history DTFx's own retry writes: a timer per wait.
        Assert.Equal(["TaskScheduled", "TaskFailed", "TimerCreated", "TimerFired", "TaskScheduled", "TaskCompleted"], await HistoryOfAsync(orderId, "ReserveStock"));
    }

    [Fact]
    public async Task A_compensation_that_keeps_failing_ends_in_compensation_failed_visible_through_the_api()
    {
        var customer = await _driver.RegisterCustomerAsync(100m);
        var sku = await _driver.AddProductAsync(10m, 5);
        var key = Guid.NewGuid().ToString("N");
        var orderId = SagaDriver.OrderIdFor(customer, key);
        app.Faults.FailBefore("ReleaseCredit", orderId, int.MaxValue);

        await _driver.PlaceOrderAsync(customer, [(sku, 2)], token: "tok_declined", key: key);
        var order = await _driver.WaitForFinalOrderAsync(orderId);

        Assert.Equal("COMPENSATION_FAILED", order.Status);
        Assert.Equal("ReleaseCredit", order.FailedStep);
        Assert.Equal(5, await _driver.AvailableStockAsync(sku)); // the other compensation still ran
        Assert.Equal(80m, await _driver.AvailableCreditAsync(customer)); // what the operator must fix
        var saga = await app.Http.GetFromJsonAsync<JsonElement>($"/api/orders/{orderId}/saga");
        Assert.Equal("COMPENSATION_FAILED", saga.GetProperty("outcome").GetProperty("status").GetString());
        Assert.Equal("ReleaseCredit", saga.GetProperty("outcome").GetProperty("failedStep").GetString());
        Assert.Contains(saga.GetProperty("progress").GetProperty("steps").EnumerateArray(),
            s => s.GetProperty("name").GetString() == "ReleaseCredit" && s.GetProperty("outcome").GetString() == "FAILED");
        Assert.True(app.Faults.Calls("ReleaseCredit", orderId) >= 5, "the compensation is retried before giving up");

        // Five attempts, four waits, and after the last failure the timer due at once that DTFx's own
        // retry schedules: a saga begun under SDK retries replays on this build.
        var history = await HistoryOfAsync(orderId, "ReleaseCredit");
        Assert.Equal(5, history.Count(e => e == "TaskScheduled"));
        Assert.Equal(5, history.Count(e => e == "TimerCreated"));
        Assert.Equal(["TaskFailed", "TimerCreated", "TimerFired"], history.TakeLast(3));
        var entry = Assert.Single(saga.GetProperty("progress").GetProperty("steps").EnumerateArray(), s => s.GetProperty("name").GetString() == "ReleaseCredit");
        Assert.Equal(5, entry.GetProperty("attempts").GetInt32());
        Assert.Equal(5, entry.GetProperty("failedAttempts").GetArrayLength());
    }

    [Fact]
    public async Task A_cancel_while_a_reservation_is_retried_cancels_and_compensates_and_a_cancel_after_the_end_is_a_conflict()
    {
        var customer = await _driver.RegisterCustomerAsync(100m);
        var sku = await _driver.AddProductAsync(10m, 5);
        var key = Guid.NewGuid().ToString("N");
        var orderId = SagaDriver.OrderIdFor(customer, key);
        // Hold the saga in ReserveStock (its first attempts fail, then it is retried) so cancel lands before the pivot.
        app.Faults.FailBefore("ReserveStock", orderId, 2);

        await _driver.PlaceOrderAsync(customer, [(sku, 2)], key: key);
        await Eventually.TrueAsync(async () => (await app.Durable.GetInstanceAsync(orderId)) is not null, "the saga started");
        var cancel = await _driver.CancelAsync(orderId);
        Assert.Equal(HttpStatusCode.Accepted, cancel.StatusCode);
        var order = await _driver.WaitForFinalOrderAsync(orderId);

        Assert.Equal(("CANCELLED", "CANCELLED"), (order.Status, order.RejectionReason));
        Assert.Equal(["ReleaseStock", "ReleaseCredit"], await _driver.CompensationsAsync(orderId));
        Assert.Equal(100m, await _driver.AvailableCreditAsync(customer));
        Assert.Equal(5, await _driver.AvailableStockAsync(sku));

        var tooLate = await _driver.CancelAsync(orderId);
        Assert.Equal(HttpStatusCode.Conflict, tooLate.StatusCode);
        Assert.Equal("application/problem+json", tooLate.Content.Headers.ContentType?.MediaType);
    }

    /// <summary>
    /// The orchestration's history (<see cref="OrchestrationHistory"/>) from the first scheduling
    /// of <paramref name="step"/> to its last answer and the timers right after it, as event types,
    /// leaving out the episodes' own markers.
    /// </summary>
    private async Task<List<string>> HistoryOfAsync(string orderId, string step)
    {
        var events = (await OrchestrationHistory.ReadAsync(app.Azurite.ConnectionString, app.Get<HostJsonSettings>().HubName, orderId))
            .Where(e => e.GetString("EventType") is not ("OrchestratorStarted" or "OrchestratorCompleted"))
            .ToList();
        bool IsScheduling(TableEntity e) => e.GetString("EventType") == "TaskScheduled" && e.GetString("Name") == step;
        var scheduled = events.Where(IsScheduling).Select(e => e.GetInt32("EventId")).ToHashSet();
        var first = events.FindIndex(IsScheduling);
        var last = events.FindLastIndex(e => e.GetString("EventType") is "TaskCompleted" or "TaskFailed" && scheduled.Contains(e.GetInt32("TaskScheduledId")));
        var timersAfter = events.Skip(last + 1).TakeWhile(e => e.GetString("EventType") is "TimerCreated" or "TimerFired").Count();
        return [.. events.Skip(first).Take(last - first + 1 + timersAfter).Select(e => e.GetString("EventType"))];
    }
}
