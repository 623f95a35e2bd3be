using SagaFunctions.Domain.Saga;

namespace SagaFunctions.App.Saga;

/// <summary>
/// The orchestration's input: the order, and the step timeout read from settings when the saga
/// starts (an orchestrator must not read configuration: a replay could see another value).
/// </summary>
public sealed record OrderSagaStart(OrderSagaInput Order, TimeSpan StepTimeout);

/// <summary>Input of the activity that marks an order COMPENSATION_FAILED.</summary>
public sealed record CompensationFailure(string OrderId, string FailedStep, string Detail);

/// <summary>Input of the activity that rejects an order.</summary>
public sealed record OrderRejection(string OrderId, string Reason);

/// <summary>The cancel request raised as an external event.</summary>
public sealed record CancelRequested(string RequestedBy);

/// <summary>How a saga ended: the order's final status and reason.</summary>
public sealed record SagaOutcome(string Status, string? Reason, string? FailedStep = null);
