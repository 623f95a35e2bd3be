using SagaFunctions.Testing;
using SagaFunctions.Domain;
using SagaFunctions.App.Tests.Hosting;
using SagaFunctions.App.Platform.Storage;
using SagaFunctions.App.ReadSide;

namespace SagaFunctions.App.Tests.ReadSide;

[Collection(ReadSideHostDefinition.Name)]
public sealed class PoisonTests(ReadSideHost host)
{
    [Fact]
    public async Task Poison_notifications_land_in_the_poison_queue_and_do_not_block_other_streams()
    {
        var malformed = "{ not json " + Guid.NewGuid().ToString("N");
        var unknownTable = $$"""{"table":"NoSuchTable{{Guid.NewGuid():N}}","streamId":"order-x","version":1}""";
        var queue = host.Storage.Queue(QueueAppendNotifier.QueueName);
        await queue.SendMessageAsync(malformed);
        await queue.SendMessageAsync(unknownTable);

        // Meanwhile other streams keep being projected.
        var scenario = new Scenario(host.Aggregates);
        await scenario.RegisterCustomerAsync(creditLimit: 70m);
        await host.Http.EventuallyGetAsync($"api/customers/{scenario.CustomerId}", c => c.GetProperty("creditLimit").GetDecimal() == 70m, "a healthy stream is projected");

        var poison = host.Storage.Queue(QueueAppendNotifier.QueueName + "-poison");
        await ReadSideHost.EventuallyAsync(async () =>
        {
            if (!(await poison.ExistsAsync()).Value)
            {
                return false;
            }

            var bodies = (await poison.PeekMessagesAsync(32)).Value.Select(m => m.Body.ToString()).ToList();
            return bodies.Contains(malformed) && bodies.Contains(unknownTable);
        }, "both bad notifications are in the poison queue");
    }

    [Fact]
    public async Task A_message_holding_a_batch_of_notifications_projects_each_stream_and_is_not_poisoned()
    {
        // Both streams' own notifications are lost, so this message is their only one (besides the sweep).
        var first = new Scenario(host.Aggregates, DroppingNotifier.LostTag);
        var second = new Scenario(host.Aggregates, DroppingNotifier.LostTag);
        await first.RegisterCustomerAsync(creditLimit: 31m);
        await second.RegisterCustomerAsync(creditLimit: 32m);
        var table = host.Get<EventStores>().Customers.TableName;
        var batch = $$"""[{"table":"{{table}}","streamId":"{{StreamNames.Customer(first.CustomerId)}}","version":1},{"table":"{{table}}","streamId":"{{StreamNames.Customer(second.CustomerId)}}","version":1}]""";
        var queue = host.Storage.Queue(QueueAppendNotifier.QueueName);
        await queue.SendMessageAsync(batch);

        await host.Http.EventuallyGetAsync($"api/customers/{first.CustomerId}", c => c.GetProperty("creditLimit").GetDecimal() == 31m, "the first stream is projected");
        await host.Http.EventuallyGetAsync($"api/customers/{second.CustomerId}", c => c.GetProperty("creditLimit").GetDecimal() == 32m, "the second stream is projected");
        await ReadSideHost.EventuallyAsync(async () => (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount == 0, "the batch is consumed");
        var poison = host.Storage.Queue(QueueAppendNotifier.QueueName + "-poison");
        var poisoned = (await poison.ExistsAsync()).Value ? (await poison.PeekMessagesAsync(32)).Value.Select(m => m.Body.ToString()).ToList() : [];
        Assert.DoesNotContain(batch, poisoned);
    }
}
