using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using SagaFunctions.Domain;
using SagaFunctions.Domain.Inventory;
using SagaFunctions.Domain.Serialization;
using SagaFunctions.App.Platform.Storage;
using SagaFunctions.App.Platform.Http;

namespace SagaFunctions.App.Inventory;

/// <summary>The Inventory context's command: add a product with its stock.</summary>
public sealed class ProductCommands(Aggregates aggregates, EventStores stores)
{
    [Function(nameof(AddProduct))]
    public Task<IActionResult> AddProduct(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "products")] HttpRequest request) =>
        ValidatedCommand.RunAsync(request, DomainJsonContext.Default.AddProductRequest, AddProductValidator.Validate, async product =>
        {
            await stores.EnsureCreatedAsync();
            var outcome = await aggregates.Products.ExecuteAsync(
                StreamNames.Product(product.Sku!),
                state => state.Add(product.Sku!, product.Name!, product.UnitPrice!.Value, product.Stock!.Value),
                _ => $"{product.Sku}:Add");
            return (outcome.Result, $"/api/products/{product.Sku}", new { sku = product.Sku });
        });
}
