using System.Diagnostics;
using SagaFunctions.App.Saga;
using SagaFunctions.Domain.Saga;

namespace SagaFunctions.App.Platform.Telemetry;

/// <summary>
/// One run of a saga step, from <see cref="SagaMetrics.StartStep"/> to <see cref="End"/>: the outcome and
/// failure reason go on the current span (error status on failure) and into the step duration histogram.
/// Disposed without an end, the step threw: it counts as failed (the invocation's span records the exception).
/// The span is the one current when the step started (the step's activity, or the reaction to an event).
/// </summary>
public sealed class SagaStepRun(SagaMetrics metrics, string step, Activity? span, long startedAt) : IDisposable
{
    private static readonly HashSet<string> CompensationSteps = OrderSagaSteps.Compensations.Select(s => s.Name).ToHashSet(StringComparer.Ordinal);

    private bool _ended;

    /// <returns><paramref name="result"/>, to end a step in its return statement.</returns>
    public StepResult End(StepResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        Finish(result.Succeeded ? "succeeded" : "failed", result.FailureReason, result.Detail);
        return result;
    }

    /// <summary>Ends a step whose outcome is neither success nor failure (a capture still waiting on its gateway).</summary>
    public void End(string outcome) => Finish(outcome, null, null);

    public void Dispose()
    {
        if (!_ended)
        {
            Finish("failed", "EXCEPTION", null);
        }
    }

    private void Finish(string outcome, string? failureReason, string? detail)
    {
        _ended = true;
        span?.SetTag(SagaTelemetry.Outcome, outcome);
        if (failureReason is not null)
        {
            span?.SetTag(SagaTelemetry.FailureReason, failureReason);
            span?.SetStatus(ActivityStatusCode.Error, detail ?? failureReason);
        }

        metrics.StepEnded(step, outcome, Stopwatch.GetElapsedTime(startedAt), CompensationSteps.Contains(step));
    }
}
