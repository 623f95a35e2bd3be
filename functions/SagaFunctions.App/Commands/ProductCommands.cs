using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using SagaFunctions.App.Http;
using SagaFunctions.App.Infrastructure;
using SagaFunctions.Domain;
using SagaFunctions.Domain.Inventory;
using SagaFunctions.Domain.Serialization;

namespace SagaFunctions.App.Commands;

/// <summary>The Inventory context's command: add a product with its stock.</summary>
public sealed class ProductCommands(Aggregates aggregates, EventStores stores)
{
    [Function(nameof(AddProduct))]
    public async Task<IActionResult> AddProduct(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "products")] HttpRequest request)
    {
        var body = await JsonBody.ReadAsync(request, DomainJsonContext.Default.AddProductRequest);
        if (body.Problem is not null)
        {
            return body.Problem;
        }

        var errors = AddProductValidator.Validate(body.Value);
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        await stores.EnsureCreatedAsync();
        var product = body.Value!;
        var outcome = await aggregates.Products.ExecuteAsync(
            StreamNames.Product(product.Sku!),
            state => state.Add(product.Sku!, product.Name!, product.UnitPrice!.Value, product.Stock!.Value),
            _ => $"{product.Sku}:Add");
        return outcome.Result.Succeeded
            ? new CreatedResult($"/api/products/{product.Sku}", new { sku = product.Sku })
            : Problems.Conflict(outcome.Result.Failure!.Detail);
    }
}
