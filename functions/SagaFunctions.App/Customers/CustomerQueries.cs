using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using SagaFunctions.Domain.Validation;
using SagaFunctions.App.ReadSide;
using SagaFunctions.App.Platform.Http;

namespace SagaFunctions.App.Customers;

/// <summary><c>GET /api/customers/{customerId}</c> and the customer's order history, from the read models.</summary>
public sealed class CustomerQueries(ReadModels readModels)
{
    [Function(nameof(GetCustomer))]
    public async Task<IActionResult> GetCustomer(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "customers/{customerId}")] HttpRequest request,
        string customerId,
        CancellationToken cancellationToken)
    {
        var customer = Identifiers.IsValidId(customerId) ? await readModels.GetCustomerAsync(customerId, cancellationToken) : null;
        return customer is null ? UnknownCustomer(customerId) : new OkObjectResult(customer);
    }

    /// <summary>404 when the customer is unknown (no customer view and no order); else the orders, oldest first.</summary>
    [Function(nameof(GetCustomerOrders))]
    public async Task<IActionResult> GetCustomerOrders(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "customers/{customerId}/orders")] HttpRequest request,
        string customerId,
        CancellationToken cancellationToken)
    {
        if (!Identifiers.IsValidId(customerId))
        {
            return UnknownCustomer(customerId);
        }

        var orders = await readModels.GetCustomerOrdersAsync(customerId, cancellationToken);
        if (orders.Count == 0 && await readModels.GetCustomerAsync(customerId, cancellationToken) is null)
        {
            return UnknownCustomer(customerId);
        }

        return new OkObjectResult(orders);
    }

    private static IActionResult UnknownCustomer(string customerId) => Problems.NotFound($"Customer '{customerId}' does not exist.");
}
