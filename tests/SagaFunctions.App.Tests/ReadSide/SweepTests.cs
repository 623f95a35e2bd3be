using SagaFunctions.Testing;
using SagaFunctions.Domain;
using SagaFunctions.App.Tests.Hosting;
using SagaFunctions.App.Platform.Storage;

namespace SagaFunctions.App.Tests.ReadSide;

[Collection(ReadSideHostDefinition.Name)]
public sealed class SweepTests(ReadSideHost host)
{
    [Fact]
    public async Task Events_whose_notification_was_lost_are_projected_by_the_sweep_and_their_marker_cleared()
    {
        var scenario = new Scenario(host.Aggregates, DroppingNotifier.LostTag);
        await scenario.RegisterCustomerAsync(creditLimit: 300m);
        await scenario.AddProductAsync(stock: 5);
        var orderId = await scenario.PlaceApprovedOrderAsync(quantity: 2, unitPrice: 10m);

        await host.Http.EventuallyGetAsync($"api/orders/{orderId}", o => o.GetProperty("status").GetString() == "APPROVED", "the sweep projects the lost order");
        await host.Http.EventuallyGetAsync($"api/customers/{scenario.CustomerId}", c => c.GetProperty("availableCredit").GetDecimal() == 280m, "the sweep projects the lost customer");
        await host.Http.EventuallyGetAsync($"api/products/{scenario.Sku}", p => p.GetProperty("available").GetInt32() == 3, "the sweep projects the lost product");

        var stores = host.Get<EventStores>();
        await ReadSideHost.EventuallyAsync(async () =>
        {
            await foreach (var marker in stores.Ordering.ListPendingMarkersAsync())
            {
                if (marker.StreamId == StreamNames.Order(orderId))
                {
                    return false;
                }
            }

            return true;
        }, "the order's marker is cleared once projected");
    }
}
