using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using SagaFunctions.Domain;
using SagaFunctions.Domain.Validation;
using SagaFunctions.App.Ordering;
using SagaFunctions.App.ReadSide;
using SagaFunctions.App.Platform.Http;
using SagaFunctions.App.Platform.Storage;

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
        var customer = Identifiers.IsValidId(customerId) ? await GetViewAsync(customerId, cancellationToken) : null;
        return customer is null ? UnknownCustomer(customerId) : new OkObjectResult(customer);
    }

    /// <summary>404 when the customer is unknown (no customer view and no order); else the orders (Ordering's history view), oldest first.</summary>
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

        var orders = await readModels.ListAsync<OrderHistoryEntry>(ContextTables.OrderViews, OrderViewProjection.HistoryPartition(customerId), cancellationToken);
        if (orders.Count == 0 && await GetViewAsync(customerId, cancellationToken) is null)
        {
            return UnknownCustomer(customerId);
        }

        return new OkObjectResult(orders.OrderBy(o => o.PlacedAt).ThenBy(o => o.OrderId, StringComparer.Ordinal).Select(o => o.ToResponse()).ToList());
    }

    private async Task<CustomerView?> GetViewAsync(string customerId, CancellationToken cancellationToken) =>
        (await readModels.GetAsync(CustomerViewProjection.Projection, StreamNames.Customer(customerId), cancellationToken))?.View;

    private static IActionResult UnknownCustomer(string customerId) => Problems.NotFound($"Customer '{customerId}' does not exist.");
}
