using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using SagaFunctions.Domain;
using SagaFunctions.Domain.Customers;
using SagaFunctions.Domain.Serialization;
using SagaFunctions.App.Platform.Storage;
using SagaFunctions.App.Platform.Http;

namespace SagaFunctions.App.Customers;

/// <summary>The Customers context's command: register a customer with a credit limit.</summary>
public sealed class CustomerCommands(Aggregates aggregates, EventStores stores)
{
    [Function(nameof(RegisterCustomer))]
    public Task<IActionResult> RegisterCustomer(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "customers")] HttpRequest request) =>
        ValidatedCommand.RunAsync(request, DomainJsonContext.Default.RegisterCustomerRequest, RegisterCustomerValidator.Validate, async customer =>
        {
            await stores.EnsureCreatedAsync();
            var customerId = Guid.NewGuid().ToString("N");
            var outcome = await aggregates.Customers.ExecuteOnNewStreamAsync(
                StreamNames.Customer(customerId),
                state => state.Register(customerId, customer.Name!, customer.CreditLimit!.Value),
                _ => $"{customerId}:Register");
            return (outcome.Result, $"/api/customers/{customerId}", new { customerId });
        });
}
