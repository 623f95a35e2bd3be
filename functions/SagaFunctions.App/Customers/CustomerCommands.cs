using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using SagaFunctions.App.Platform.Http;
using SagaFunctions.Domain.Customers;
using SagaFunctions.Domain.Serialization;

namespace SagaFunctions.App.Customers;

/// <summary><c>POST /api/customers</c>: register a customer with a credit limit.</summary>
public sealed class CustomerCommands(CustomerService customers)
{
    [Function(nameof(RegisterCustomer))]
    public Task<IActionResult> RegisterCustomer(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "customers")] HttpRequest request) =>
        ValidatedCommand.RunAsync(request, DomainJsonContext.Default.RegisterCustomerRequest, RegisterCustomerValidator.Validate, async customer =>
        {
            var customerId = Guid.NewGuid().ToString("N");
            var outcome = await customers.RegisterAsync(customerId, customer.Name!, customer.CreditLimit!.Value, request.HttpContext.RequestAborted);
            return (outcome.Result, $"/api/customers/{customerId}", new { customerId });
        });
}
