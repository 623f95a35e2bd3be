using Microsoft.DurableTask;
using SagaFunctions.Domain.Saga;

namespace SagaFunctions.App.Saga;

/// <summary>
/// The saga's timeline, kept in the orchestration's custom status (<see cref="SagaProgress"/>): each
/// step's start, end, outcome and detail, recorded around the step as it runs. Deterministic: times
/// come from the orchestration's clock.
/// </summary>
internal sealed class SagaTimeline(TaskOrchestrationContext context)
{
    /// <summary>How many failed attempts an entry keeps (a step retried until done may fail a hundred times).</summary>
    private const int FailedAttemptsKept = 5;

    private readonly List<SagaStepRecord> _steps = [];
    private bool _pastPivot;

    /// <summary>The entries so far.</summary>
    public IReadOnlyList<SagaStepRecord> Steps => [.. _steps];

    /// <summary>Marks the payment as decided from now on.</summary>
    public void PassPivot() => _pastPivot = true;

    /// <summary>
    /// Runs <paramref name="work"/> as the timeline entry <paramref name="name"/>. Its outcome is the
    /// result's success, or what <paramref name="succeeded"/> makes of the result; a step that throws
    /// is recorded as failed, and the exception goes on.
    /// </summary>
    public async Task<StepResult> RecordAsync(string name, string kind, Func<Task<StepResult>> work, Func<StepResult, bool>? succeeded = null)
    {
        var index = _steps.Count;
        _steps.Add(new SagaStepRecord(name, kind, SagaProgress.Running, context.CurrentUtcDateTime, null, null));
        Publish(name);
        try
        {
            var result = await work();
            var ok = succeeded?.Invoke(result) ?? result.Succeeded;
            _steps[index] = _steps[index] with
            {
                Outcome = ok ? SagaProgress.Succeeded : SagaProgress.Failed,
                EndedAt = context.CurrentUtcDateTime,
                Detail = result.FailureReason is null ? result.Detail : $"{result.FailureReason}: {result.Detail}",
            };
            return result;
        }
        catch (TaskFailedException e)
        {
            _steps[index] = _steps[index] with { Outcome = SagaProgress.Failed, EndedAt = context.CurrentUtcDateTime, Detail = e.FailureDetails.ErrorMessage };
            throw;
        }
        finally
        {
            Publish(name);
        }
    }

    /// <summary>
    /// Notes that attempt <paramref name="attempt"/> of the running entry threw <paramref name="error"/>,
    /// and whether its retry policy tries it again.
    /// </summary>
    public void NoteFailedAttempt(int attempt, string error, bool retried)
    {
        var index = _steps.FindLastIndex(s => s.Outcome == SagaProgress.Running);
        if (index < 0)
        {
            return;
        }

        var entry = _steps[index];
        _steps[index] = entry with
        {
            Attempts = retried ? attempt + 1 : attempt,
            FailedAttempts = [.. (entry.FailedAttempts ?? []).TakeLast(FailedAttemptsKept - 1), new SagaFailedAttempt(attempt, context.CurrentUtcDateTime, error)],
        };
        Publish(entry.Name);
    }

    private void Publish(string currentStep) =>
        context.SetCustomStatus(new SagaProgress(currentStep, _pastPivot, [.. _steps]));
}
