namespace SagaFunctions.App.Operations.Actions;

/// <summary>How an operator action ended; the HTTP functions map it to 200, 404, 409 or 503.</summary>
public enum OperatorOutcome
{
    Done,
    NotFound,
    Refused,
    StillFailing,
}

/// <summary>What an operator action did, or why it did not, and the order's status afterwards.</summary>
public sealed record OperatorAnswer(OperatorOutcome Outcome, string Detail, string? OrderStatus = null)
{
    public static OperatorAnswer Done(string detail, string? status = null) => new(OperatorOutcome.Done, detail, status);

    public static OperatorAnswer NotFound(string detail) => new(OperatorOutcome.NotFound, detail);

    public static OperatorAnswer Refused(string detail, string? status = null) => new(OperatorOutcome.Refused, detail, status);
}
