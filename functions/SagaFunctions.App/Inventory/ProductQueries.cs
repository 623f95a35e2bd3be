using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using SagaFunctions.Domain;
using SagaFunctions.Domain.Validation;
using SagaFunctions.App.ReadSide;
using SagaFunctions.App.Platform.Http;

namespace SagaFunctions.App.Inventory;

/// <summary><c>GET /api/products/{sku}</c> from the product view.</summary>
public sealed class ProductQueries(ReadModels readModels)
{
    [Function(nameof(GetProduct))]
    public async Task<IActionResult> GetProduct(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "products/{sku}")] HttpRequest request,
        string sku,
        CancellationToken cancellationToken)
    {
        var product = Identifiers.IsValidSku(sku) ? (await readModels.GetAsync(ProductViewProjection.Projection, StreamNames.Product(sku), cancellationToken))?.View : null;
        return product is null ? Problems.NotFound($"Product '{sku}' does not exist.") : new OkObjectResult(product);
    }
}
