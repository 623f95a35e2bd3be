using Microsoft.Azure.Functions.Worker;
using SagaFunctions.App.Saga;
using SagaFunctions.Domain.Saga;

namespace SagaFunctions.App.Inventory;

/// <summary>The Inventory context's saga steps (orchestration).</summary>
public sealed class InventoryActivities(InventoryService inventory)
{
    [Function(SagaStep.ReserveStock)]
    public Task<StepResult> ReserveStock([ActivityTrigger] OrderSagaInput order, CancellationToken cancellationToken) =>
        inventory.ReserveStockAsync(order, cancellationToken);

    [Function(SagaStep.ReleaseStock)]
    public Task<StepResult> ReleaseStock([ActivityTrigger] SagaCompensation compensation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(compensation);
        return inventory.ReleaseStockAsync(compensation.Order, compensation.Payment, cancellationToken);
    }
}
