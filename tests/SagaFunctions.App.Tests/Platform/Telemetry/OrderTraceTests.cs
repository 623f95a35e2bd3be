using System.Diagnostics;
using System.Text.Json;
using SagaFunctions.App.Platform.Storage;
using SagaFunctions.App.Platform.Telemetry;
using SagaFunctions.App.ReadSide;
using SagaFunctions.App.Tests.Hosting;
using SagaFunctions.Domain;
using SagaFunctions.Domain.Payments;
using SagaFunctions.Domain.Saga;
using SagaFunctions.Testing;
using Xunit.Abstractions;

namespace SagaFunctions.App.Tests.Platform.Telemetry;

/// <summary>
/// One trace per order, in both styles, as exported by OpenTelemetry from the real host on Azurite and
/// the real durable backend: the request, the orchestration and its steps (or the choreography's
/// reactions), the projection passes after the appends; queue hops joined by the context the app puts
/// into its messages. The host publishes every integration event twice, so redelivery is in every run.
/// </summary>
[Collection(AppHostCollectionDefinition.Name)]
public sealed class OrderTraceTests(AppHostFixture app, ITestOutputHelper output) : IDisposable
{
    private static readonly string[] DeclinedSteps = ["ReserveCredit", "ReserveStock", "CapturePayment", "ReleaseStock", "ReleaseCredit", "RejectOrder"];
    private static readonly string[] ApprovedSteps = ["ReserveCredit", "ReserveStock", "CapturePayment", "ApproveOrder"];

    private readonly SagaDriver _driver = new(app);
    private readonly TraceCollector _traces = new();

    [Fact]
    public async Task An_orchestrated_declined_order_is_one_trace_from_the_request_through_its_steps_and_compensations_to_the_projections()
    {
        var (orderId, root) = await PlaceTracedAsync(PaymentTokens.Declined, SagaStyles.Orchestration);

        var trace = await TraceWithAsync(root, t => DeclinedSteps.All(step => StepSpan(t, step) is not null) && ProjectionOf(t, StreamNames.Order(orderId)).Any());

        output.WriteLine(TraceCollector.Render(trace, root));
        var place = Single(trace, "function PlaceOrder");
        Assert.Equal(ActivityKind.Server, place.Kind);
        Assert.Equal(root.SpanId, place.ParentSpanId);
        var create = Single(trace, "create_orchestration:OrderSaga");
        Assert.Equal(place.SpanId, create.ParentSpanId);
        var orchestration = Single(trace, "orchestration:OrderSaga");
        Assert.Equal(create.SpanId, orchestration.ParentSpanId);

        foreach (var step in DeclinedSteps)
        {
            var span = StepSpan(trace, step)!;
            Assert.Equal(orderId, span.GetTagItem(SagaTelemetry.OrderId));
            // function {step} ← activity:{step} (the worker) ← activity:{step} (the orchestration's call) ← the orchestration.
            Assert.StartsWith($"activity:{step}", Parent(trace, span)!.DisplayName, StringComparison.Ordinal);
            Assert.Contains(orchestration.SpanId, AncestorsOf(trace, span).Select(a => a.SpanId));
        }

        var capture = StepSpan(trace, "CapturePayment")!;
        Assert.Equal(ActivityStatusCode.Error, capture.Status);
        Assert.Equal((object?)FailureReasons.PaymentDeclined, capture.GetTagItem(SagaTelemetry.FailureReason));
        Assert.All(DeclinedSteps.Where(s => s != "CapturePayment"), step => Assert.NotEqual(ActivityStatusCode.Error, StepSpan(trace, step)!.Status));
        Assert.True(StepSpan(trace, "ReleaseStock")!.StartTimeUtc < StepSpan(trace, "ReleaseCredit")!.StartTimeUtc, "compensations run in reverse step order");
        Assert.True(capture.StartTimeUtc < StepSpan(trace, "ReleaseStock")!.StartTimeUtc);

        // The order stream's appends are projected in the trace: the placement's pass is a child of the request.
        Assert.Contains(ProjectionOf(trace, StreamNames.Order(orderId)), pass => pass.ParentSpanId == place.SpanId);
        AssertOneTree(trace, root);
    }

    [Fact]
    public async Task A_choreographed_order_is_one_trace_through_every_reaction_and_a_redelivered_event_stays_in_it()
    {
        var (orderId, root) = await PlaceTracedAsync(PaymentTokens.Visa, SagaStyles.Choreography);

        var trace = await TraceWithAsync(root, t => ApprovedSteps.All(step => StepSpan(t, step) is not null));

        output.WriteLine(TraceCollector.Render(trace, root));
        var place = Single(trace, "function PlaceOrder");
        Assert.DoesNotContain(trace, s => s.DisplayName.StartsWith("orchestration:", StringComparison.Ordinal));
        foreach (var step in ApprovedSteps)
        {
            var span = StepSpan(trace, step)!;
            Assert.Equal(orderId, span.GetTagItem(SagaTelemetry.OrderId));
            Assert.Equal("succeeded", span.GetTagItem(SagaTelemetry.Outcome));
            Assert.Equal(ActivityKind.Consumer, span.Kind);
            Assert.StartsWith("react ", span.DisplayName, StringComparison.Ordinal);
            // A child of the context in the event, linked to the queue invocation that carried it.
            Assert.Contains(span.Links, link => _traces.Span(link.Context.SpanId)?.DisplayName == "function DispatchOrderEvent");
        }

        // ReserveCredit reacts to the order's placement, whose event carries the request's context.
        var reservation = StepSpan(trace, "ReserveCredit")!;
        Assert.Equal(place.SpanId, reservation.ParentSpanId);
        // Every event was delivered twice: both deliveries' reactions are children of the same context.
        var reactionsToPlacement = trace.Where(s => s.DisplayName == reservation.DisplayName).ToList();
        Assert.True(reactionsToPlacement.Count >= 2, $"{reactionsToPlacement.Count} reactions to the placement");
        Assert.All(reactionsToPlacement, r => Assert.Equal(place.SpanId, r.ParentSpanId));
        AssertOneTree(trace, root);
    }

    [Fact]
    public async Task A_cancel_request_joins_its_orders_trace_and_links_to_its_own_request()
    {
        var customer = await _driver.RegisterCustomerAsync(100m);
        var sku = await _driver.AddProductAsync(10m, 5);
        var root = TraceCollector.StartRoot("test: place an order");
        root.Stop();
        // A gateway that answers late keeps the payment undecided, so the cancel is honoured.
        var orderId = await _driver.PlaceOrderAsync(customer, [(sku, 1)], PaymentTokens.Slow, SagaStyles.Orchestration, traceParent: root.Id);

        Assert.Equal(System.Net.HttpStatusCode.Accepted, (await _driver.CancelAsync(orderId)).StatusCode);

        // The saga is still running (its late capture outstanding), so the trace is read as soon as the cancel is in it.
        var trace = await Eventually.ValueAsync(() => Task.FromResult(_traces.Trace(root.TraceId)), t => t.Any(s => s.DisplayName == "cancel order"), "the cancel joined the order's trace");
        var cancel = Single(trace, "cancel order");
        Assert.Equal(orderId, cancel.GetTagItem(SagaTelemetry.OrderId));
        Assert.Equal(Single(trace, "function PlaceOrder").SpanId, cancel.ParentSpanId);
        var request = _traces.Span(Assert.Single(cancel.Links).Context.SpanId);
        Assert.Equal("function RequestCancellation", request?.DisplayName);
        Assert.NotEqual(root.TraceId, request!.TraceId);
    }

    [Fact]
    public async Task A_message_carrying_two_orders_notifications_projects_each_in_its_own_trace_and_a_redelivery_keeps_them()
    {
        var customer = await _driver.RegisterCustomerAsync(100m);
        var sku = await _driver.AddProductAsync(10m, 5);
        var first = await _driver.PlaceOrderAsync(customer, [(sku, 1)]);
        var second = await _driver.PlaceOrderAsync(customer, [(sku, 1)]);
        await _driver.WaitForFinalOrderAsync(first);
        await _driver.WaitForFinalOrderAsync(second);
        var (firstTrace, firstParent) = (ActivityTraceId.CreateRandom(), ActivitySpanId.CreateRandom());
        var (secondTrace, secondParent) = (ActivityTraceId.CreateRandom(), ActivitySpanId.CreateRandom());
        var table = app.Get<EventStores>().Ordering.TableName;
        AppendNotification[] batch =
        [
            new(table, StreamNames.Order(first), 1, TraceParent: $"00-{firstTrace}-{firstParent}-01"),
            new(table, StreamNames.Order(second), 1, TraceParent: $"00-{secondTrace}-{secondParent}-01"),
        ];
        var message = "[" + string.Join(",", batch.Select(n => JsonSerializer.Serialize(n, AppJsonContext.Default.AppendNotification))) + "]";

        var queue = app.Get<SagaStorage>().Queue(QueueAppendNotifier.QueueName);
        await queue.SendMessageAsync(message);
        await queue.SendMessageAsync(message); // the same message again: a redelivery

        await Eventually.TrueAsync(
            () => Task.FromResult(_traces.Trace(firstTrace).Count(IsPass) == 2 && _traces.Trace(secondTrace).Count(IsPass) == 2),
            "both deliveries of the message projected both notifications");
        var firstPasses = _traces.Trace(firstTrace).Where(IsPass).ToList();
        var secondPasses = _traces.Trace(secondTrace).Where(IsPass).ToList();
        Assert.All(firstPasses, p => Assert.Equal((firstParent, StreamNames.Order(first)), (p.ParentSpanId, p.GetTagItem(SagaTelemetry.StreamId))));
        Assert.All(secondPasses, p => Assert.Equal((secondParent, StreamNames.Order(second)), (p.ParentSpanId, p.GetTagItem(SagaTelemetry.StreamId))));
        // Each delivery is one invocation, linked from both orders' passes.
        var invocations = firstPasses.Select(p => Assert.Single(p.Links).Context.SpanId).ToHashSet();
        Assert.Equal(2, invocations.Count);
        Assert.Equal(invocations, secondPasses.Select(p => Assert.Single(p.Links).Context.SpanId).ToHashSet());
    }

    public void Dispose() => _traces.Dispose();

    private static bool IsPass(Activity span) => span.DisplayName == "project stream";

    private async Task<(string OrderId, Activity Root)> PlaceTracedAsync(string token, string style)
    {
        var customer = await _driver.RegisterCustomerAsync(100m);
        var sku = await _driver.AddProductAsync(10m, 5);
        // The test's span stands for a traced caller: ended before the call, so the request carries only the
        // context the test puts into its header (the HTTP client would otherwise send a span of its own).
        var root = TraceCollector.StartRoot("test: place an order");
        root.Stop();
        var orderId = await _driver.PlaceOrderAsync(customer, [(sku, 2)], token, style, traceParent: root.Id);

        await _driver.WaitForFinalOrderAsync(orderId);
        return (orderId, root);
    }

    private Task<IReadOnlyList<Activity>> TraceWithAsync(Activity root, Func<IReadOnlyList<Activity>, bool> complete) =>
        Eventually.ValueAsync(
            () => Task.FromResult(_traces.Trace(root.TraceId)),
            t => complete(t) && Orphans(t, root).Count == 0,
            "the order's trace has every step, and every span's parent has ended too",
            explain: t => Task.FromResult(
                "spans: " + string.Join(", ", t.Select(s => s.DisplayName).Distinct().Order(StringComparer.Ordinal)) + "; without their parent: " + string.Join(", ", Orphans(t, root))));

    /// <summary>The span that ran <paramref name="step"/> (tagged by the step itself), the first one when it ran twice.</summary>
    private static Activity? StepSpan(IReadOnlyList<Activity> trace, string step) =>
        trace.Where(s => step.Equals(s.GetTagItem(SagaTelemetry.Step) as string, StringComparison.Ordinal)).MinBy(s => s.StartTimeUtc);

    private static IEnumerable<Activity> ProjectionOf(IReadOnlyList<Activity> trace, string streamId) =>
        trace.Where(s => IsPass(s) && streamId.Equals(s.GetTagItem(SagaTelemetry.StreamId) as string, StringComparison.Ordinal));

    private static Activity Single(IReadOnlyList<Activity> trace, string name) => Assert.Single(trace, s => s.DisplayName == name);

    private static Activity? Parent(IReadOnlyList<Activity> trace, Activity span) => trace.FirstOrDefault(s => s.SpanId == span.ParentSpanId);

    private static IEnumerable<Activity> AncestorsOf(IReadOnlyList<Activity> trace, Activity span)
    {
        for (var parent = Parent(trace, span); parent is not null; parent = Parent(trace, parent))
        {
            yield return parent;
        }
    }

    /// <summary>Every span of the trace hangs under the test's root: no hop lost its parent.</summary>
    private static void AssertOneTree(IReadOnlyList<Activity> trace, Activity root)
    {
        var orphans = Orphans(trace, root);
        Assert.True(orphans.Count == 0, "spans whose parent is not in the trace: " + string.Join(", ", orphans));
        Assert.Contains(trace, s => s.ParentSpanId == root.SpanId);
    }

    private static List<string> Orphans(IReadOnlyList<Activity> trace, Activity root) =>
        trace.Where(s => s.SpanId != root.SpanId && Parent(trace, s) is null).Select(s => $"{s.Source.Name}/{s.DisplayName} (parent {s.ParentSpanId}, {s.Kind})").ToList();
}
