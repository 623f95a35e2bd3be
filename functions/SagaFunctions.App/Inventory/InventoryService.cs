using SagaFunctions.App.Platform.Storage;
using SagaFunctions.App.Platform.Telemetry;
using SagaFunctions.App.Saga;
using SagaFunctions.Domain;
using SagaFunctions.Domain.Inventory;
using SagaFunctions.Domain.Saga;
using SagaFunctions.Domain.Serialization;
using SagaFunctions.EventStore;

namespace SagaFunctions.App.Inventory;

/// <summary>
/// The Inventory context's commands, for its HTTP function and both saga styles: add a product,
/// reserve an order's stock, release it. An order can hold several products, each its own stream
/// and its own local transaction.
/// </summary>
public sealed class InventoryService(IAggregateRepository<ProductState> products, IFaultInjector faults, SagaMetrics metrics)
{
    /// <summary>A product's stream grows with every order (reserve + release): snapshot it.</summary>
    public static AggregateDefinition<ProductState> Aggregate { get; } =
        new("product", ProductState.Empty, (s, e) => s.Apply(e), DomainJsonContext.Default.ProductState, SnapshotInterval: 50);

    public Task<CommandOutcome<ProductState>> AddAsync(string sku, string name, decimal unitPrice, int stock, CancellationToken cancellationToken) =>
        products.ExecuteAsync(StreamNames.Product(sku), product => product.Add(sku, name, unitPrice, stock), $"{sku}:Add", cancellationToken);

    /// <summary>
    /// Reserves each product of the order in turn. One that cannot be reserved ends the step with its
    /// failure and leaves the earlier ones reserved: the compensation (<see cref="ReleaseStockAsync"/>)
    /// releases every product of the order once the payment is given up, so the step never releases on
    /// its own what another run of it, on another branch, may be counting on.
    /// </summary>
    public async Task<StepResult> ReserveStockAsync(OrderSagaInput order, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(order);
        using var run = metrics.StartStep(SagaStep.ReserveStock, order.OrderId);
        await faults.BeforeAsync(SagaStep.ReserveStock, order.OrderId);
        foreach (var line in order.StockLines())
        {
            var outcome = await products.ExecuteAsync(
                StreamNames.Product(line.Sku),
                product => product.ReserveStock(order.OrderId, line.Quantity),
                SagaStep.EventIdFor(order.OrderId, SagaStep.ReserveStock),
                cancellationToken);
            if (!outcome.Result.Succeeded)
            {
                return run.End(outcome.Result.ToStepResult(SagaStep.ReserveStock) with { Detail = $"{line.Sku}: {outcome.Result.Failure!.Detail}" });
            }
        }

        await faults.AfterAsync(SagaStep.ReserveStock, order.OrderId);
        return run.End(StepResult.Success(SagaStep.ReserveStock));
    }

    /// <summary>
    /// Releases what the order holds of each of its products, or records that it holds nothing (a
    /// reservation that comes later is then refused). Only for an order whose payment was not captured.
    /// </summary>
    public async Task<StepResult> ReleaseStockAsync(OrderSagaInput order, PaymentDecision payment, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(order);
        ArgumentNullException.ThrowIfNull(payment);
        payment.Require(captured: false, SagaStep.ReleaseStock);
        using var run = metrics.StartStep(SagaStep.ReleaseStock, order.OrderId);
        await faults.BeforeAsync(SagaStep.ReleaseStock, order.OrderId);
        foreach (var line in order.StockLines())
        {
            await products.ExecuteAsync(
                StreamNames.Product(line.Sku),
                product => product.ReleaseStock(order.OrderId),
                SagaStep.EventIdFor(order.OrderId, SagaStep.ReleaseStock),
                cancellationToken);
        }

        await faults.AfterAsync(SagaStep.ReleaseStock, order.OrderId);
        return run.End(StepResult.Success(SagaStep.ReleaseStock));
    }
}
