using SagaFunctions.Testing;
using SagaFunctions.App;
using SagaFunctions.Domain;
using SagaFunctions.App.Tests.Hosting;
using SagaFunctions.App.Platform.Storage;
using SagaFunctions.App.ReadSide;

namespace SagaFunctions.App.Tests.ReadSide;

[Collection(ReadSideHostDefinition.Name)]
public sealed class IdempotencyTests(ReadSideHost host)
{
    [Fact]
    public async Task Duplicate_and_out_of_order_notifications_give_the_same_views()
    {
        // "lost": no automatic notifications, so only the ones this test sends (and the sweep) project.
        var scenario = new Scenario(host.Aggregates, DroppingNotifier.LostTag);
        await scenario.RegisterCustomerAsync(creditLimit: 1000m);
        await scenario.AddProductAsync(stock: 10, unitPrice: 10m);
        var first = await scenario.PlaceApprovedOrderAsync(quantity: 3, unitPrice: 10m);
        var second = await scenario.PlaceApprovedOrderAsync(quantity: 2, unitPrice: 10m);
        var customerStream = StreamNames.Customer(scenario.CustomerId);
        var stores = host.Get<EventStores>();

        // Newest first, then older versions, then the same again, through the queue...
        var queue = host.Storage.Queue(QueueAppendNotifier.QueueName);
        foreach (var version in new long[] { 3, 1, 2, 3, 1, 3 })
        {
            await queue.SendMessageAsync($$"""{"table":"{{stores.Customers.TableName}}","streamId":"{{customerStream}}","version":{{version}}}""");
        }

        // ...and concurrently straight into the projector and the plain catch-up (as another process
        // would run it), racing the queue trigger for the same rows.
        var projector = host.Get<IStreamProjector>();
        var plain = host.Get<CatchUpProjector>();
        await Task.WhenAll(Enumerable.Range(0, 8).Select(i => (i % 2 == 0 ? projector : plain).ProjectAsync(stores.Customers.TableName, customerStream, null, CancellationToken.None)));

        var expected = (await host.Aggregates.Customers.LoadAsync(customerStream)).State.AvailableCredit;
        Assert.Equal(950m, expected);
        var customer = await host.Http.EventuallyGetAsync($"api/customers/{scenario.CustomerId}", c => c.GetProperty("availableCredit").GetDecimal() == expected, "the customer view matches the fold");
        await host.Http.EventuallyGetAsync($"api/orders/{second}", o => o.GetProperty("status").GetString() == "APPROVED", "the sweep projects the orders");

        // Let every notification drain, then the view is still the fold: nothing applied twice.
        await ReadSideHost.EventuallyAsync(async () => (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount == 0, "the notifications are consumed");
        await projector.ProjectAsync(stores.Customers.TableName, customerStream, null, CancellationToken.None);
        var after = await host.Http.GetJsonAsync($"api/customers/{scenario.CustomerId}");
        Assert.Equal(customer.GetRawText(), after!.Value.GetRawText());
        var history = await host.Http.GetJsonAsync($"api/customers/{scenario.CustomerId}/orders");
        Assert.Equal(2, history!.Value.GetArrayLength());
        Assert.Equal(first, history.Value[0].GetProperty("orderId").GetString());
    }
}
