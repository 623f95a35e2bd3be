using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using SagaFunctions.App.Platform.Http;
using SagaFunctions.Domain.Inventory;
using SagaFunctions.Domain.Serialization;

namespace SagaFunctions.App.Inventory;

/// <summary><c>POST /api/products</c>: add a product with its stock.</summary>
public sealed class ProductCommands(InventoryService inventory)
{
    [Function(nameof(AddProduct))]
    public Task<IActionResult> AddProduct(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "products")] HttpRequest request) =>
        ValidatedCommand.RunAsync(request, DomainJsonContext.Default.AddProductRequest, AddProductValidator.Validate, async product =>
        {
            var outcome = await inventory.AddAsync(product.Sku!, product.Name!, product.UnitPrice!.Value, product.Stock!.Value, request.HttpContext.RequestAborted);
            return (outcome.Result, $"/api/products/{product.Sku}", new { sku = product.Sku });
        });
}
