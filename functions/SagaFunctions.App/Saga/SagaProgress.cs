namespace SagaFunctions.App.Saga;

/// <summary>
/// One entry of the saga's timeline: a step or a compensation, when it ran, how it ended, and how
/// often its retry policy tried it (<paramref name="Attempts"/>; the last few failures in <paramref name="FailedAttempts"/>).
/// </summary>
public sealed record SagaStepRecord(
    string Name, string Kind, string Outcome, DateTime StartedAt, DateTime? EndedAt, string? Detail,
    int Attempts = 1, IReadOnlyList<SagaFailedAttempt>? FailedAttempts = null);

/// <summary>An attempt of a step that threw (a transient fault), and was retried unless it was the last.</summary>
public sealed record SagaFailedAttempt(int Attempt, DateTime FailedAt, string Error);

/// <summary>
/// The orchestrator's custom status: the current step, whether the payment is decided (the pivot
/// is passed) and the timeline. <c>GET /api/orders/{id}/saga</c> shows it.
/// </summary>
public sealed record SagaProgress(string CurrentStep, bool PastPivot, IReadOnlyList<SagaStepRecord> Steps)
{
    public const string StepKind = "step";
    public const string PivotKind = "pivot";
    public const string CompensationKind = "compensation";
    public const string Running = "RUNNING";
    public const string Succeeded = "SUCCEEDED";
    public const string Failed = "FAILED";
}
