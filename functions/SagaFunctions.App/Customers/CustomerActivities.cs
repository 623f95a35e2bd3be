using Microsoft.Azure.Functions.Worker;
using SagaFunctions.App.Saga;
using SagaFunctions.Domain.Saga;

namespace SagaFunctions.App.Customers;

/// <summary>The Customers context's saga steps (orchestration), each one local transaction on the customer's stream.</summary>
public sealed class CustomerActivities(CustomerService customers)
{
    [Function(SagaStep.ReserveCredit)]
    public Task<StepResult> ReserveCredit([ActivityTrigger] OrderSagaInput order, CancellationToken cancellationToken) =>
        customers.ReserveCreditAsync(order, cancellationToken);

    [Function(SagaStep.ReleaseCredit)]
    public Task<StepResult> ReleaseCredit([ActivityTrigger] SagaCompensation compensation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(compensation);
        return customers.ReleaseCreditAsync(compensation.Order, compensation.Payment, cancellationToken);
    }
}
