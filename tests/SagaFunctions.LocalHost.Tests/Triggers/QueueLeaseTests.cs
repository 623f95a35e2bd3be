using System.Text.Json;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using SagaFunctions.LocalHost.Tests.Hosting;
using SagaFunctions.LocalHost.Tests.Probes;
using SagaFunctions.Testing;

namespace SagaFunctions.LocalHost.Tests.Triggers;

/// <summary>
/// The local queue listener holds a message the way the Functions host does: a lease renewed at
/// half-time for as long as the function runs. The lease is cut to 8 s here so a run of 24 s outlasts
/// it three times over; a shorter one leaves a renewal too little slack on a busy machine (at 2 s and at
/// 5 s, a CI run saw the message taken again while its function ran).
/// </summary>
[Collection(ProbeHostCollectionDefinition.Name)]
public sealed class QueueLeaseTests(ProbeHostFixture fixture)
{
    [Fact]
    public async Task A_message_whose_function_runs_past_its_lease_is_handled_once()
    {
        await using var host = await StartAsync(new() { ["LocalHost__QueueMessageLease"] = "00:00:08" });
        var id = Guid.NewGuid().ToString("N");

        await SendAsync(new ProbeMessage(id, false, DelayMs: 24_000));
        await Eventually.TrueAsync(async () => await CountSeenAsync(id) >= 1 && await QueueIsEmptyAsync(), "the message was handled and deleted", TimeSpan.FromSeconds(60));

        Assert.Equal(1, await CountSeenAsync(id));
    }

    [Fact]
    public async Task Delivering_every_message_twice_hands_a_message_to_its_function_twice_then_deletes_it()
    {
        await using var host = await StartAsync(new() { ["LocalHost__DeliverEveryMessageTwice"] = "true" });
        var id = Guid.NewGuid().ToString("N");

        await SendAsync(new ProbeMessage(id, false));
        await Eventually.TrueAsync(async () => await CountSeenAsync(id) >= 2 && await QueueIsEmptyAsync(), "the message was handled twice and deleted");

        Assert.Equal(2, await CountSeenAsync(id));
    }

    private readonly string _queue = AzuriteFixture.UniqueName("lease");

    private Task<LocalHostProcess> StartAsync(Dictionary<string, string> settings) =>
        LocalHostProcess.StartAsync(
            fixture.Azurite.ConnectionString, _queue, TestHostJson.WithDurableLeases(), new Dictionary<string, string>(settings) { ["ProbeQueue__Name"] = _queue },
            ["--no-app-functions", "--functions-type", ProbeQueueFunctions.TypeName]);

    // A queue of its own: the assembly's host listens on the probe's usual one, with a 10-minute lease.
    private QueueClient Queue() => new(fixture.Azurite.ConnectionString, _queue, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });

    private async Task SendAsync(ProbeMessage message)
    {
        await Queue().CreateIfNotExistsAsync();
        await Queue().SendMessageAsync(JsonSerializer.Serialize(message, JsonSerializerOptions.Web));
    }

    private async Task<bool> QueueIsEmptyAsync() => (await Queue().GetPropertiesAsync()).Value.ApproximateMessagesCount == 0;

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
