using Microsoft.Azure.Functions.Worker;
using SagaFunctions.App.Infrastructure;
using SagaFunctions.Domain;
using SagaFunctions.Domain.Saga;

namespace SagaFunctions.App.Saga.Activities;

/// <summary>
/// The Inventory context's saga steps. An order can hold several products, each its own stream
/// and its own local transaction: if a later product cannot be reserved, the ones this step
/// reserved are released before it reports the failure, so a failed step leaves nothing behind.
/// </summary>
public sealed class InventoryActivities(Aggregates aggregates, IFaultInjector faults)
{
    [Function(SagaStep.ReserveStock)]
    public async Task<StepResult> ReserveStock([ActivityTrigger] OrderSagaInput order)
    {
        ArgumentNullException.ThrowIfNull(order);
        await faults.BeforeAsync(SagaStep.ReserveStock, order.OrderId);
        var lines = order.StockLines();
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            var outcome = await aggregates.Products.ExecuteAsync(
                StreamNames.Product(line.Sku),
                product => product.ReserveStock(order.OrderId, line.Quantity),
                _ => SagaStep.EventIdFor(order.OrderId, SagaStep.ReserveStock));
            if (!outcome.Result.Succeeded)
            {
                await ReleaseAsync(order.OrderId, lines.Take(i));
                return outcome.Result.ToStepResult() with { Detail = $"{line.Sku}: {outcome.Result.Failure!.Detail}" };
            }
        }

        await faults.AfterAsync(SagaStep.ReserveStock, order.OrderId);
        return StepResult.Success();
    }

    [Function(SagaStep.ReleaseStock)]
    public async Task<StepResult> ReleaseStock([ActivityTrigger] OrderSagaInput order)
    {
        ArgumentNullException.ThrowIfNull(order);
        await faults.BeforeAsync(SagaStep.ReleaseStock, order.OrderId);
        await ReleaseAsync(order.OrderId, order.StockLines());
        await faults.AfterAsync(SagaStep.ReleaseStock, order.OrderId);
        return StepResult.Success();
    }

    private async Task ReleaseAsync(string orderId, IEnumerable<StockLine> lines)
    {
        foreach (var line in lines)
        {
            await aggregates.Products.ExecuteAsync(
                StreamNames.Product(line.Sku),
                product => product.ReleaseStock(orderId),
                _ => SagaStep.EventIdFor(orderId, SagaStep.ReleaseStock));
        }
    }
}
