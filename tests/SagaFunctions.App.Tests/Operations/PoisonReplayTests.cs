using System.Net;
using System.Text.Json;
using SagaFunctions.App.Platform.Queues;
using SagaFunctions.App.Platform.Storage;
using SagaFunctions.App.ReadSide;
using SagaFunctions.App.Tests.Hosting;
using SagaFunctions.Domain;
using SagaFunctions.Testing;

namespace SagaFunctions.App.Tests.Operations;

/// <summary>The poison-queue endpoints: list (with what failed), replay one (twice: the second is a 404), replay all, discard.</summary>
[Collection(AppHostCollectionDefinition.Name)]
public sealed class PoisonReplayTests(AppHostFixture app)
{
    private readonly OperatorClient _operator = new(app.Http);

    private SagaStorage Storage => app.Get<SagaStorage>();

    [Fact]
    public async Task A_replayed_notification_is_projected_and_its_effect_applies_once_however_often_it_is_replayed()
    {
        var scenario = new Scenario(new AppStreams(app.Host.Services));
        await scenario.RegisterCustomerAsync(creditLimit: 100m);
        await scenario.AddProductAsync();
        await scenario.PlaceApprovedOrderAsync(quantity: 2); // reserves 25 of the customer's credit
        var customerPath = $"/api/customers/{scenario.CustomerId}";
        await app.Http.EventuallyGetAsync(customerPath, c => c.GetProperty("availableCredit").GetDecimal() == 75m, "the customer view is projected");
        // Two copies of the stream's notification in the poison queue, as a crash between a replay's send and its delete would leave.
        var notification = $$"""{"table":"{{app.Get<EventStores>().Customers.TableName}}","streamId":"{{StreamNames.Customer(scenario.CustomerId)}}","version":2}""";
        var poison = Storage.Queue(QueueAppendNotifier.QueueName + "-poison");
        await poison.CreateIfNotExistsAsync();
        var firstId = (await poison.SendMessageAsync(notification)).Value.MessageId;
        var secondId = (await poison.SendMessageAsync(notification)).Value.MessageId;

        var (_, list) = await _operator.PoisonAsync();
        var listed = list.GetProperty("queues").EnumerateArray().Single(q => q.GetProperty("queue").GetString() == poison.Name);
        Assert.Equal(QueueAppendNotifier.QueueName, listed.GetProperty("sourceQueue").GetString());
        Assert.Contains(listed.GetProperty("messages").EnumerateArray(), m => m.GetProperty("id").GetString() == firstId && m.GetProperty("content").GetString() == notification);

        Assert.Equal(HttpStatusCode.OK, (await _operator.ReplayAsync(poison.Name, firstId)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await _operator.ReplayAsync(poison.Name, firstId)).Status); // no longer there
        Assert.Equal(HttpStatusCode.OK, (await _operator.ReplayAsync(poison.Name, secondId)).Status);

        var source = Storage.Queue(QueueAppendNotifier.QueueName);
        await Eventually.TrueAsync(async () => !(await PeekAsync(source)).Contains(notification), "both replays are consumed");
        Assert.Equal(75m, (await app.Http.GetJsonAsync(customerPath))!.Value.GetProperty("availableCredit").GetDecimal());
        Assert.DoesNotContain(notification, await PeekAsync(poison)); // consumed, not poisoned again
    }

    [Fact]
    public async Task Replay_all_moves_every_message_back_to_its_queue_and_discard_deletes_one()
    {
        var sourceName = "ops-" + Guid.NewGuid().ToString("N")[..10];
        var poison = Storage.Queue(sourceName + "-poison");
        await poison.CreateIfNotExistsAsync();
        var kept = (await poison.SendMessageAsync("first")).Value.MessageId;
        await poison.SendMessageAsync("second");
        var dropped = (await poison.SendMessageAsync("third")).Value.MessageId;

        Assert.Equal(HttpStatusCode.OK, (await _operator.DiscardAsync(poison.Name, dropped)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await _operator.DiscardAsync(poison.Name, dropped)).Status);
        var (status, replayed) = await _operator.ReplayAllAsync(poison.Name);

        Assert.Equal((HttpStatusCode.OK, 2), (status, replayed.GetProperty("replayed").GetInt32()));
        Assert.Equal(["first", "second"], (await PeekAsync(Storage.Queue(sourceName))).Order(StringComparer.Ordinal));
        Assert.Empty(await PeekAsync(poison));
        Assert.Equal(HttpStatusCode.NotFound, (await _operator.ReplayAsync(poison.Name, kept)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await _operator.ReplayAllAsync(sourceName)).Status); // not a poison queue
    }

    [Fact]
    public async Task A_message_that_kept_failing_is_listed_with_its_last_error_and_failed_attempts_until_it_is_discarded()
    {
        // A notification of a table the read side does not know: every attempt throws, then the host moves it to -poison.
        var notification = $$"""{"table":"NoSuchTable{{Guid.NewGuid():N}}","streamId":"nobody","version":1}""";
        await Storage.Queue(QueueAppendNotifier.QueueName).SendMessageAsync(notification);
        var poison = Storage.Queue(QueueAppendNotifier.QueueName + "-poison");
        await Eventually.TrueAsync(async () => (await poison.ExistsAsync()).Value && (await PeekAsync(poison)).Contains(notification), "the message is in the poison queue");

        var (_, list) = await _operator.PoisonAsync();
        var listed = list.GetProperty("queues").EnumerateArray().Single(q => q.GetProperty("queue").GetString() == poison.Name)
            .GetProperty("messages").EnumerateArray().Single(m => m.GetProperty("content").GetString() == notification);
        Assert.Contains("NoSuchTable", listed.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.True(listed.GetProperty("failedAttempts").GetInt32() >= 3, listed.ToString()); // the test host's maxDequeueCount
        Assert.Equal(JsonValueKind.String, listed.GetProperty("lastFailedAt").ValueKind);

        Assert.Equal(HttpStatusCode.OK, (await _operator.DiscardAsync(poison.Name, listed.GetProperty("id").GetString()!)).Status);
        Assert.Empty(await app.Get<QueueFailures>().FindAsync(QueueAppendNotifier.QueueName, [notification], CancellationToken.None));
    }

    private static async Task<List<string>> PeekAsync(Azure.Storage.Queues.QueueClient queue) =>
        [.. (await queue.PeekMessagesAsync(32)).Value.Select(m => m.Body.ToString())];

}
