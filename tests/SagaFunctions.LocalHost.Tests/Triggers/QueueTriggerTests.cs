using System.Text.Json;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using SagaFunctions.LocalHost.Tests.Hosting;
using SagaFunctions.LocalHost.Tests.Probes;
using SagaFunctions.Testing;

namespace SagaFunctions.LocalHost.Tests.Triggers;

[Collection(ProbeHostCollectionDefinition.Name)]
public sealed class QueueTriggerTests(ProbeHostFixture fixture)
{
    private QueueClient Queue(string name)
    {
        var queue = new QueueClient(fixture.Azurite.ConnectionString, name, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });
        queue.CreateIfNotExists(); // the listener creates it too, but may not have yet
        return queue;
    }

    [Fact]
    public async Task A_queued_message_is_handled_once_and_deleted()
    {
        var id = Guid.NewGuid().ToString("N");
        await Queue(ProbeQueueFunctions.QueueName).SendMessageAsync(JsonSerializer.Serialize(new ProbeMessage(id, false), JsonSerializerOptions.Web));

        await Eventually.TrueAsync(async () => await CountSeenAsync(id) >= 1, "the message was handled");
        await Task.Delay(1500); // give a wrongly re-delivered message the chance to show up
        Assert.Equal(1, await CountSeenAsync(id));
    }

    [Fact]
    public async Task A_message_that_keeps_failing_goes_to_the_poison_queue_after_max_dequeue_count()
    {
        var id = Guid.NewGuid().ToString("N");
        await Queue(ProbeQueueFunctions.QueueName).SendMessageAsync(JsonSerializer.Serialize(new ProbeMessage(id, true), JsonSerializerOptions.Web));
        var poison = Queue(ProbeQueueFunctions.QueueName + "-poison");

        string? poisoned = null;
        await Eventually.TrueAsync(async () =>
        {
            if (!(await poison.ExistsAsync()).Value)
            {
                return false;
            }

            foreach (var message in (await poison.PeekMessagesAsync(32)).Value)
            {
                if (message.Body.ToString().Contains(id, StringComparison.Ordinal))
                {
                    poisoned = message.Body.ToString();
                }
            }

            return poisoned is not null;
        }, "the failing message reached the poison queue");

        Assert.Equal(3, await CountSeenAsync(id)); // maxDequeueCount in the test host.json
    }

    private async Task<int> CountSeenAsync(string id)
    {
        var table = new TableClient(fixture.Azurite.ConnectionString, ProbeQueueFunctions.SeenTable);
        await table.CreateIfNotExistsAsync();
        var count = 0;
        await foreach (var _ in table.QueryAsync<TableEntity>(e => e.PartitionKey == id))
        {
            count++;
        }

        return count;
    }
}
