using Microsoft.Extensions.DependencyInjection;
using SagaFunctions.App.Platform.Storage;
using SagaFunctions.Domain.Customers;
using SagaFunctions.Domain.Inventory;
using SagaFunctions.Domain.Ordering;
using SagaFunctions.Domain.Payments;

namespace SagaFunctions.Testing;

/// <summary>The app's four aggregate repositories, as a test reads and writes the streams behind its back.</summary>
public sealed class AppStreams(IServiceProvider services)
{
    public IAggregateRepository<CustomerState> Customers => services.GetRequiredService<IAggregateRepository<CustomerState>>();

    public IAggregateRepository<ProductState> Products => services.GetRequiredService<IAggregateRepository<ProductState>>();

    public IAggregateRepository<PaymentState> Payments => services.GetRequiredService<IAggregateRepository<PaymentState>>();

    public IAggregateRepository<OrderState> Orders => services.GetRequiredService<IAggregateRepository<OrderState>>();
}
