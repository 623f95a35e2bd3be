using SagaFunctions.Domain.Saga;

namespace SagaFunctions.App.Saga;

/// <summary>
/// The orchestration's input: the order, and the step timeout read from settings when the saga
/// starts (an orchestrator must not read configuration: a replay could see another value).
/// </summary>
public sealed record OrderSagaStart(OrderSagaInput Order, TimeSpan StepTimeout);

/// <summary>Input of AbandonPayment: give up on the order's payment with <paramref name="Reason"/> unless it is decided.</summary>
public sealed record PaymentAbandonment(string OrderId, string Reason);

/// <summary>Input of a compensation: the order, and the evidence that its payment was not captured.</summary>
public sealed record SagaCompensation(OrderSagaInput Order, PaymentDecision Payment);

/// <summary>
/// Input of the steps that settle the order (approve, reject, cancel, mark COMPENSATION_FAILED): the
/// payment decision they follow, and for COMPENSATION_FAILED the compensation that kept failing.
/// </summary>
public sealed record OrderSettlement(string OrderId, PaymentDecision Payment, string? FailedStep = null, string? Detail = null);

/// <summary>The cancel request raised as an external event.</summary>
public sealed record CancelRequested(string RequestedBy);

/// <summary>
/// How a saga ended: the order's final status and reason, and the timeline. The timeline is in the
/// custom status too, but the durable backend keeps that only in its instance table, which it may
/// rewrite without it (repairing the row of an instance whose host died while completing it); the
/// output is kept in the history.
/// </summary>
public sealed record SagaOutcome(string Status, string? Reason, string? FailedStep = null, IReadOnlyList<SagaStepRecord>? Steps = null);
