using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using SagaFunctions.App.Platform.Telemetry;
using SagaFunctions.App.Tests.Hosting;
using SagaFunctions.Domain.Payments;
using SagaFunctions.Domain.Saga;
using SagaFunctions.Testing;

namespace SagaFunctions.App.Tests.Platform.Telemetry;

/// <summary>
/// The saga metrics of the real host, read with a <see cref="MeterListener"/> on the host's own meter:
/// after orders of known outcomes in both styles, the counters say exactly that, although every
/// integration event is delivered twice and steps may run again. Other tests' sagas may still be running
/// on the host, so only measurements made while working on this test's orders count (the span current
/// at the measurement carries the order id).
/// </summary>
[Collection(AppHostCollectionDefinition.Name)]
public sealed class SagaMetricsTests(AppHostFixture app)
{
    private readonly SagaDriver _driver = new(app);

    [Fact]
    public async Task After_orders_of_known_outcomes_the_saga_counters_say_exactly_how_many_started_and_how_each_ended()
    {
        using var traces = new TraceCollector(); // the spans that carry the order ids
        var customer = await _driver.RegisterCustomerAsync(1000m);
        var sku = await _driver.AddProductAsync(10m, 100);
        (string Token, string Style)[] orders =
        [
            (PaymentTokens.Visa, SagaStyles.Orchestration), (PaymentTokens.Visa, SagaStyles.Orchestration), (PaymentTokens.Declined, SagaStyles.Orchestration),
            (PaymentTokens.Visa, SagaStyles.Choreography), (PaymentTokens.Declined, SagaStyles.Choreography),
        ];
        var keys = orders.Select(_ => Guid.NewGuid().ToString("N")).ToList();
        var mine = keys.Select(k => SagaDriver.OrderIdFor(customer, k)).ToHashSet(StringComparer.Ordinal);
        using var measurements = new Measurements(app.Get<SagaMetrics>().Meter, mine);

        for (var i = 0; i < orders.Length; i++)
        {
            await _driver.PlaceOrderAsync(customer, [(sku, 1)], orders[i].Token, orders[i].Style, keys[i]);
        }

        foreach (var orderId in mine)
        {
            await _driver.WaitForFinalOrderAsync(orderId);
        }

        Assert.Equal(
            ["choreography ×2", "orchestration ×3"],
            measurements.Counted("saga.started", SagaTelemetry.Style));
        Assert.Equal(
            ["choreography APPROVED  ×1", "choreography REJECTED PAYMENT_DECLINED ×1", "orchestration APPROVED  ×2", "orchestration REJECTED PAYMENT_DECLINED ×1"],
            measurements.Counted("saga.completed", SagaTelemetry.Style, SagaTelemetry.Outcome, SagaTelemetry.FailureReason));
        // Compensations and step runs count every run (a redelivered event may run one again), so at least once each.
        Assert.Equal(["ReleaseCredit succeeded", "ReleaseStock succeeded"], measurements.Distinct("saga.compensations", SagaTelemetry.Step, SagaTelemetry.Outcome));
        Assert.Contains("CapturePayment failed", measurements.Distinct("saga.step.duration", SagaTelemetry.Step, SagaTelemetry.Outcome));
        Assert.Contains("ApproveOrder succeeded", measurements.Distinct("saga.step.duration", SagaTelemetry.Step, SagaTelemetry.Outcome));
    }

    /// <summary>What the host's meter measured while the current span belonged to one of <paramref name="orderIds"/>.</summary>
    private sealed class Measurements : IDisposable
    {
        private readonly MeterListener _listener = new();
        private readonly ConcurrentQueue<(string Instrument, Dictionary<string, string> Tags)> _seen = new();

        public Measurements(Meter meter, IReadOnlySet<string> orderIds)
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter == meter)
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            void Record(Instrument instrument, ReadOnlySpan<KeyValuePair<string, object?>> tags)
            {
                if (Activity.Current?.GetTagItem(SagaTelemetry.OrderId) is string orderId && orderIds.Contains(orderId))
                {
                    var copy = new Dictionary<string, string>(StringComparer.Ordinal);
                    foreach (var tag in tags)
                    {
                        copy[tag.Key] = tag.Value?.ToString() ?? string.Empty;
                    }

                    _seen.Enqueue((instrument.Name, copy));
                }
            }

            _listener.SetMeasurementEventCallback<long>((instrument, _, tags, _) => Record(instrument, tags));
            _listener.SetMeasurementEventCallback<double>((instrument, _, tags, _) => Record(instrument, tags));
            _listener.Start();
        }

        /// <summary>How many measurements of <paramref name="instrument"/> there were per combination of the tags, as "a b ×n".</summary>
        public List<string> Counted(string instrument, params string[] tags) =>
            Of(instrument, tags).GroupBy(k => k, StringComparer.Ordinal).Select(g => $"{g.Key} ×{g.Count()}").Order(StringComparer.Ordinal).ToList();

        public List<string> Distinct(string instrument, params string[] tags) =>
            Of(instrument, tags).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();

        public void Dispose() => _listener.Dispose();

        private IEnumerable<string> Of(string instrument, string[] tags) =>
            _seen.Where(m => m.Instrument == instrument).Select(m => string.Join(" ", tags.Select(t => m.Tags.GetValueOrDefault(t, "?"))));
    }
}
