using Microsoft.Azure.Functions.Worker;
using SagaFunctions.Domain;
using SagaFunctions.Domain.Saga;
using SagaFunctions.App.Platform.Storage;
using SagaFunctions.App.Saga;

namespace SagaFunctions.App.Inventory;

/// <summary>
/// The Inventory context's saga steps. An order can hold several products, each its own stream and
/// its own local transaction. A step that cannot reserve a later product leaves the earlier ones
/// reserved and reports the failure: the saga's compensation, ReleaseStock, releases every product
/// of the order once the payment is given up (it runs on every failure), so the step never releases
/// on its own what another run of it, on another branch, may be counting on.
/// </summary>
public sealed class InventoryActivities(Aggregates aggregates, IFaultInjector faults)
{
    [Function(SagaStep.ReserveStock)]
    public async Task<StepResult> ReserveStock([ActivityTrigger] OrderSagaInput order)
    {
        ArgumentNullException.ThrowIfNull(order);
        await faults.BeforeAsync(SagaStep.ReserveStock, order.OrderId);
        foreach (var line in order.StockLines())
        {
            var outcome = await aggregates.Products.ExecuteAsync(
                StreamNames.Product(line.Sku),
                product => product.ReserveStock(order.OrderId, line.Quantity),
                _ => SagaStep.EventIdFor(order.OrderId, SagaStep.ReserveStock));
            if (!outcome.Result.Succeeded)
            {
                return outcome.Result.ToStepResult(SagaStep.ReserveStock) with { Detail = $"{line.Sku}: {outcome.Result.Failure!.Detail}" };
            }
        }

        await faults.AfterAsync(SagaStep.ReserveStock, order.OrderId);
        return StepResult.Success(SagaStep.ReserveStock);
    }

    /// <summary>
    /// Releases what the order holds of each of its products, or records that it holds nothing (a
    /// reservation that comes later is then refused). Only for an order whose payment was not captured.
    /// </summary>
    [Function(SagaStep.ReleaseStock)]
    public async Task<StepResult> ReleaseStock([ActivityTrigger] SagaCompensation compensation)
    {
        ArgumentNullException.ThrowIfNull(compensation);
        compensation.Payment.Require(captured: false, SagaStep.ReleaseStock);
        var order = compensation.Order;
        await faults.BeforeAsync(SagaStep.ReleaseStock, order.OrderId);
        foreach (var line in order.StockLines())
        {
            await aggregates.Products.ExecuteAsync(
                StreamNames.Product(line.Sku),
                product => product.ReleaseStock(order.OrderId),
                _ => SagaStep.EventIdFor(order.OrderId, SagaStep.ReleaseStock));
        }

        await faults.AfterAsync(SagaStep.ReleaseStock, order.OrderId);
        return StepResult.Success(SagaStep.ReleaseStock);
    }
}
