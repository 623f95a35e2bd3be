using System.Diagnostics.Metrics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SagaFunctions.App.Choreography;
using SagaFunctions.App.Customers;
using SagaFunctions.App.Inventory;
using SagaFunctions.App.Ordering;
using SagaFunctions.App.Payments;
using SagaFunctions.App.Platform.Shortcuts;
using SagaFunctions.App.Platform.Storage;
using SagaFunctions.App.Platform.Telemetry;
using SagaFunctions.App.Saga;
using SagaFunctions.Domain.Customers;
using SagaFunctions.Domain.Inventory;
using SagaFunctions.Domain.Ordering;
using SagaFunctions.Domain.Payments;

namespace SagaFunctions.App.Tests.Platform;

/// <summary>The four contexts' application services on in-memory streams, with a gateway that counts what it is asked.</summary>
public sealed class InMemoryContexts
{
    private static readonly IConfiguration Settings = new ConfigurationBuilder()
        .AddInMemoryCollection(new Dictionary<string, string?> { [SagaStorage.ConnectionName] = "UseDevelopmentStorage=true" })
        .Build();

    public InMemoryContexts()
    {
        Customers = new CustomerService(CustomerStreams, new NoFaults(), Metrics);
        Inventory = new InventoryService(ProductStreams, new NoFaults(), Metrics);
        Payments = new PaymentService(PaymentStreams, Gateway, new NoFaults(), Metrics);
        // The deadlines table is the choreography's; these tests place orchestrated orders, which never touch it.
        Orders = new OrderService(
            OrderStreams, new PriceList(ProductStreams, InProcessShortcuts.On), Payments, new ChoreographyDeadlines(new SagaStorage(Settings, [])), new SagaSettings(Settings), new NoFaults(), Metrics);
    }

    /// <summary>The app's metrics on a meter of their own (nothing listens in these tests).</summary>
    public SagaMetrics Metrics { get; } = new(new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>());

    public InMemoryAggregateRepository<CustomerState> CustomerStreams { get; } = new(CustomerService.Aggregate);

    public InMemoryAggregateRepository<ProductState> ProductStreams { get; } = new(InventoryService.Aggregate);

    public InMemoryAggregateRepository<PaymentState> PaymentStreams { get; } = new(PaymentService.Aggregate);

    public InMemoryAggregateRepository<OrderState> OrderStreams { get; } = new(OrderService.Aggregate);

    public CountingGateway Gateway { get; } = new();

    public CustomerService Customers { get; }

    public InventoryService Inventory { get; }

    public PaymentService Payments { get; }

    public OrderService Orders { get; }

    /// <summary>The simulated gateway's answers, counted; <see cref="Hold"/> keeps the next charge waiting.</summary>
    public sealed class CountingGateway : IPaymentGateway
    {
        public int Charges { get; private set; }

        public List<(string OrderId, decimal Amount)> Refunds { get; } = [];

        public TaskCompletionSource<GatewayResponse>? Hold { get; set; }

        public Task<GatewayResponse> ChargeAsync(string orderId, decimal amount, string token, CancellationToken cancellationToken)
        {
            Charges++;
            return Hold?.Task ?? Task.FromResult(SimulatedPaymentGateway.Charge(token) with { Late = false });
        }

        public Task RefundAsync(string orderId, decimal amount, CancellationToken cancellationToken)
        {
            Refunds.Add((orderId, amount));
            return Task.CompletedTask;
        }
    }
}
