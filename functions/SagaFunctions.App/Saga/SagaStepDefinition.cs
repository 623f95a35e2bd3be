using Microsoft.DurableTask;

namespace SagaFunctions.App.Saga;

/// <summary>One row of the saga's step table (<see cref="OrderSagaSteps"/>).</summary>
/// <param name="Name">The activity that runs the step; also the suffix of the step's event ids.</param>
/// <param name="Context">The bounded context whose local transaction the step is.</param>
/// <param name="Kind">How the timeline shows it: a step, the pivot, or a compensation (<see cref="SagaProgress"/>).</param>
/// <param name="Retry">
/// How transient failures (exceptions) are retried; business failures are answers, not retried. The
/// saga runs the policy itself (<see cref="SagaRetries"/>) so that each failed attempt shows on its timeline.
/// </param>
/// <param name="UndoneBy">The compensation that undoes a reservation.</param>
/// <param name="RacesStepTimer">
/// The step waits on a system outside the saga's own storage (the payment gateway), which may never
/// answer: it is raced against the step timeout. The other steps are local transactions on the
/// contexts' own tables that commit or fail within their retries; a timer there would turn a queue
/// that is merely busy into rejected orders, and costs a timer message per step.
/// </param>
public sealed record SagaStepDefinition(string Name, string Context, string Kind, RetryPolicy Retry, string? UndoneBy = null, bool RacesStepTimer = false);
