using SagaFunctions.App.Infrastructure;
using SagaFunctions.Projections.Tests.Hosting;

namespace SagaFunctions.Projections.Tests.ReadSide;

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
}
