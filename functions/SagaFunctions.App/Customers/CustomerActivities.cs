using Microsoft.Azure.Functions.Worker;
using SagaFunctions.Domain;
using SagaFunctions.Domain.Saga;
using SagaFunctions.App.Platform.Storage;
using SagaFunctions.App.Saga;

namespace SagaFunctions.App.Customers;

/// <summary>The Customers context's saga steps: each is one local transaction on the customer's stream.</summary>
public sealed class CustomerActivities(Aggregates aggregates, IFaultInjector faults)
{
    [Function(SagaStep.ReserveCredit)]
    public async Task<StepResult> ReserveCredit([ActivityTrigger] OrderSagaInput order)
    {
        ArgumentNullException.ThrowIfNull(order);
        await faults.BeforeAsync(SagaStep.ReserveCredit, order.OrderId);
        if (order.Total <= 0)
        {
            // Nothing priced (every SKU unknown to the catalog): nothing to reserve. ReserveStock
            // then rejects the order with UNKNOWN_PRODUCT.
            return StepResult.Success(SagaStep.ReserveCredit, "nothing to reserve");
        }

        var outcome = await aggregates.Customers.ExecuteAsync(
            StreamNames.Customer(order.CustomerId),
            customer => customer.ReserveCredit(order.OrderId, order.Total),
            _ => SagaStep.EventIdFor(order.OrderId, SagaStep.ReserveCredit));
        await faults.AfterAsync(SagaStep.ReserveCredit, order.OrderId);
        return outcome.Result.ToStepResult(SagaStep.ReserveCredit);
    }

    /// <summary>
    /// Releases what the order holds of the customer's credit, or records that it holds nothing (a
    /// reservation that comes later is then refused). Only for an order whose payment was not captured.
    /// </summary>
    [Function(SagaStep.ReleaseCredit)]
    public async Task<StepResult> ReleaseCredit([ActivityTrigger] SagaCompensation compensation)
    {
        ArgumentNullException.ThrowIfNull(compensation);
        compensation.Payment.Require(captured: false, SagaStep.ReleaseCredit);
        var order = compensation.Order;
        await faults.BeforeAsync(SagaStep.ReleaseCredit, order.OrderId);
        var outcome = await aggregates.Customers.ExecuteAsync(
            StreamNames.Customer(order.CustomerId),
            customer => customer.ReleaseCredit(order.OrderId),
            _ => SagaStep.EventIdFor(order.OrderId, SagaStep.ReleaseCredit));
        await faults.AfterAsync(SagaStep.ReleaseCredit, order.OrderId);
        return outcome.Result.ToStepResult(SagaStep.ReleaseCredit);
    }
}
