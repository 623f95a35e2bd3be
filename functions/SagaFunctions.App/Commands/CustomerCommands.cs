using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using SagaFunctions.App.Http;
using SagaFunctions.App.Infrastructure;
using SagaFunctions.Domain;
using SagaFunctions.Domain.Customers;
using SagaFunctions.Domain.Serialization;

namespace SagaFunctions.App.Commands;

/// <summary>The Customers context's command: register a customer with a credit limit.</summary>
public sealed class CustomerCommands(Aggregates aggregates, EventStores stores)
{
    [Function(nameof(RegisterCustomer))]
    public async Task<IActionResult> RegisterCustomer(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "customers")] HttpRequest request)
    {
        var body = await JsonBody.ReadAsync(request, DomainJsonContext.Default.RegisterCustomerRequest);
        if (body.Problem is not null)
        {
            return body.Problem;
        }

        var errors = RegisterCustomerValidator.Validate(body.Value);
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        await stores.EnsureCreatedAsync();
        var customerId = Guid.NewGuid().ToString("N");
        var outcome = await aggregates.Customers.ExecuteAsync(
            StreamNames.Customer(customerId),
            customer => customer.Register(customerId, body.Value!.Name!, body.Value.CreditLimit!.Value),
            _ => $"{customerId}:Register");
        return outcome.Result.Succeeded
            ? new CreatedResult($"/api/customers/{customerId}", new { customerId })
            : Problems.Conflict(outcome.Result.Failure!.Detail);
    }
}
