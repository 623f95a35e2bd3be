using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace SagaFunctions.App.Platform.Telemetry;

/// <summary>
/// What a saga operator watches, as OpenTelemetry metrics on the meter <see cref="MeterName"/> (names and
/// tags are listed in the app's README). Counted where the fact is recorded, once: a saga starts when its
/// OrderPlaced is appended, completes when its final status is, so a retried step or a redelivered event
/// adds nothing. Each process counts what it did; the exporter sums the instances.
/// </summary>
public sealed class SagaMetrics
{
    public const string MeterName = "SagaFunctions";

    private readonly Counter<long> _started;
    private readonly Counter<long> _completed;
    private readonly Counter<long> _compensations;
    private readonly Histogram<double> _stepDuration;
    private readonly Histogram<double> _projectionLag;
    private readonly ConcurrentDictionary<string, long> _poisonMessages = new(StringComparer.Ordinal);
    private readonly ObservableGauge<long> _poisonGauge;

    public SagaMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        Meter = meterFactory.Create(MeterName);
        _started = Meter.CreateCounter<long>("saga.started", "{saga}", "Sagas started, by style.");
        _completed = Meter.CreateCounter<long>("saga.completed", "{saga}", "Sagas that reached a final status, by style, outcome (the status) and failure reason.");
        _compensations = Meter.CreateCounter<long>("saga.compensations", "{compensation}", "Compensations run, by step and outcome (succeeded or failed); a retry is another run.");
        _stepDuration = Meter.CreateHistogram<double>("saga.step.duration", "s", "How long one run of a saga step took, by step and outcome.");
        _projectionLag = Meter.CreateHistogram<double>("saga.projection.lag", "s", "From an event's append to its view row's write, by view.");
        _poisonGauge = Meter.CreateObservableGauge("saga.poison.messages", ObservePoisonMessages, "{message}", "Messages in each -poison queue, as last counted by the read side's status.");
    }

    /// <summary>The meter, for a test's listener to tell this host's measurements from another's in the same process.</summary>
    public Meter Meter { get; }

    public void SagaStarted(string style) => _started.Add(1, new KeyValuePair<string, object?>(SagaTelemetry.Style, style));

    public void SagaCompleted(string style, string status, string? failureReason) =>
        _completed.Add(1, new(SagaTelemetry.Style, style), new(SagaTelemetry.Outcome, status), new(SagaTelemetry.FailureReason, failureReason ?? string.Empty));

    public void ProjectionLag(string view, TimeSpan lag) =>
        _projectionLag.Record(Math.Max(0, lag.TotalSeconds), new KeyValuePair<string, object?>("saga.view", view));

    public void PoisonMessages(string queue, long count) => _poisonMessages[queue] = count;

    /// <summary>Whether anything collects the poison gauge (counting the queues costs storage requests).</summary>
    public bool PoisonGaugeObserved => _poisonGauge.Enabled;

    /// <summary>
    /// Starts timing one run of <paramref name="step"/> for <paramref name="orderId"/>, and tags the current
    /// span (the step's activity, or the reaction to an event) with the order and the step.
    /// </summary>
    public SagaStepRun StartStep(string step, string orderId)
    {
        // A step run inside another (a capture that gives up on its own gateway) leaves the span to the outer one.
        var span = Activity.Current is { } current && current.GetTagItem(SagaTelemetry.Step) is null ? current : null;
        span?.SetTag(SagaTelemetry.OrderId, orderId).SetTag(SagaTelemetry.Step, step);
        return new SagaStepRun(this, step, span, Stopwatch.GetTimestamp());
    }

    internal void StepEnded(string step, string outcome, TimeSpan elapsed, bool isCompensation)
    {
        var stepTag = new KeyValuePair<string, object?>(SagaTelemetry.Step, step);
        var outcomeTag = new KeyValuePair<string, object?>(SagaTelemetry.Outcome, outcome);
        _stepDuration.Record(elapsed.TotalSeconds, stepTag, outcomeTag);
        if (isCompensation)
        {
            _compensations.Add(1, stepTag, outcomeTag);
        }
    }

    private IEnumerable<Measurement<long>> ObservePoisonMessages() =>
        _poisonMessages.Select(q => new Measurement<long>(q.Value, new KeyValuePair<string, object?>("saga.queue", q.Key)));
}
