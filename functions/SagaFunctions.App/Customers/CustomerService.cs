using SagaFunctions.App.Platform.Storage;
using SagaFunctions.App.Platform.Telemetry;
using SagaFunctions.App.Saga;
using SagaFunctions.Domain;
using SagaFunctions.Domain.Customers;
using SagaFunctions.Domain.Saga;
using SagaFunctions.Domain.Serialization;
using SagaFunctions.EventStore;

namespace SagaFunctions.App.Customers;

/// <summary>
/// The Customers context's commands, for its HTTP function and both saga styles: register a customer,
/// reserve an order's credit, release it. Each loads the customer's stream, lets
/// <see cref="CustomerState"/> decide, and appends the decision under the step's event id, so a
/// retried step appends nothing twice.
/// </summary>
public sealed class CustomerService(IAggregateRepository<CustomerState> customers, IFaultInjector faults, SagaMetrics metrics)
{
    /// <summary>A customer's stream grows with every order (reserve + release): snapshot it.</summary>
    public static AggregateDefinition<CustomerState> Aggregate { get; } =
        new("customer", CustomerState.Empty, (s, e) => s.Apply(e), DomainJsonContext.Default.CustomerState, SnapshotInterval: 50);

    public Task<CommandOutcome<CustomerState>> RegisterAsync(string customerId, string name, decimal creditLimit, CancellationToken cancellationToken) =>
        customers.ExecuteOnNewStreamAsync(
            StreamNames.Customer(customerId), customer => customer.Register(customerId, name, creditLimit), $"{customerId}:Register", cancellationToken);

    public async Task<StepResult> ReserveCreditAsync(OrderSagaInput order, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(order);
        using var run = metrics.StartStep(SagaStep.ReserveCredit, order.OrderId);
        await faults.BeforeAsync(SagaStep.ReserveCredit, order.OrderId);
        if (order.Total <= 0)
        {
            // Nothing priced (every SKU unknown to the catalog): nothing to reserve. ReserveStock
            // then rejects the order with UNKNOWN_PRODUCT.
            return run.End(StepResult.Success(SagaStep.ReserveCredit, "nothing to reserve"));
        }

        var outcome = await customers.ExecuteAsync(
            StreamNames.Customer(order.CustomerId),
            customer => customer.ReserveCredit(order.OrderId, order.Total),
            SagaStep.EventIdFor(order.OrderId, SagaStep.ReserveCredit),
            cancellationToken);
        await faults.AfterAsync(SagaStep.ReserveCredit, order.OrderId);
        return run.End(outcome.Result.ToStepResult(SagaStep.ReserveCredit));
    }

    /// <summary>
    /// Releases what the order holds of the customer's credit, or records that it holds nothing (a
    /// reservation that comes later is then refused). Only for an order whose payment was not captured.
    /// </summary>
    public async Task<StepResult> ReleaseCreditAsync(OrderSagaInput order, PaymentDecision payment, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(order);
        ArgumentNullException.ThrowIfNull(payment);
        payment.Require(captured: false, SagaStep.ReleaseCredit);
        using var run = metrics.StartStep(SagaStep.ReleaseCredit, order.OrderId);
        await faults.BeforeAsync(SagaStep.ReleaseCredit, order.OrderId);
        var outcome = await customers.ExecuteAsync(
            StreamNames.Customer(order.CustomerId),
            customer => customer.ReleaseCredit(order.OrderId),
            SagaStep.EventIdFor(order.OrderId, SagaStep.ReleaseCredit),
            cancellationToken);
        await faults.AfterAsync(SagaStep.ReleaseCredit, order.OrderId);
        return run.End(outcome.Result.ToStepResult(SagaStep.ReleaseCredit));
    }
}
