using SagaFunctions.EventStore.Tests.Infrastructure;
using SagaFunctions.EventStore.Tests.TestDomain;

namespace SagaFunctions.EventStore.Tests.EventStore;

/// <summary>A consumer's checkpoint in the stream's partition, moved with its ETag.</summary>
[Collection("Azurite")]
public sealed class StreamCheckpointTests(AzuriteOnDiskFixture azurite)
{
    private const string Consumer = "published";

    [Fact]
    public async Task A_checkpoint_is_saved_in_one_request_and_reads_back()
    {
        var counter = new RequestCountingPolicy();
        var store = await TestStores.CreateAsync(azurite, counter: counter);
        var streamId = TestStores.NewStreamId();
        await store.AppendAsync(streamId, ExpectedVersion.NoStream, [AccountEvents.New(new Deposited(1)), AccountEvents.New(new Deposited(2))]);
        var none = await store.ReadCheckpointAsync(streamId, Consumer);

        var before = counter.Count;
        var saved = await store.SaveCheckpointAsync(none, 2);
        var requests = counter.Count - before;

        Assert.Equal((0L, (string?)null), (none.Version, none.ConcurrencyToken));
        Assert.Equal(1, requests);
        var read = await store.ReadCheckpointAsync(streamId, Consumer);
        Assert.Equal(2, read.Version);
        Assert.Equal(read.ConcurrencyToken, saved!.ConcurrencyToken);
    }

    [Fact]
    public async Task The_token_a_save_returns_lets_the_next_save_through_and_a_stale_one_writes_nothing()
    {
        var store = await TestStores.CreateAsync(azurite);
        var streamId = TestStores.NewStreamId();
        await store.AppendAsync(streamId, ExpectedVersion.NoStream, [AccountEvents.New(new Deposited(1))]);
        var none = await store.ReadCheckpointAsync(streamId, Consumer);
        var first = (await store.SaveCheckpointAsync(none, 1))!;
        var second = await store.SaveCheckpointAsync(first, 2);

        var stale = await store.SaveCheckpointAsync(first, 5);
        var again = await store.SaveCheckpointAsync(none, 5);

        Assert.NotNull(second);
        Assert.Null(stale);
        Assert.Null(again);
        Assert.Equal(2, (await store.ReadCheckpointAsync(streamId, Consumer)).Version);
    }

    [Fact]
    public async Task Consumers_keep_checkpoints_of_their_own()
    {
        var store = await TestStores.CreateAsync(azurite);
        var streamId = TestStores.NewStreamId();
        await store.AppendAsync(streamId, ExpectedVersion.NoStream, [AccountEvents.New(new Deposited(1))]);

        await store.SaveCheckpointAsync(await store.ReadCheckpointAsync(streamId, Consumer), 1);

        Assert.Equal(1, (await store.ReadCheckpointAsync(streamId, Consumer)).Version);
        Assert.Equal(0, (await store.ReadCheckpointAsync(streamId, "published-elsewhere")).Version);
    }

    [Fact]
    public async Task A_checkpoint_row_is_not_read_as_an_event()
    {
        var store = await TestStores.CreateAsync(azurite);
        var streamId = TestStores.NewStreamId();
        await store.AppendAsync(streamId, ExpectedVersion.NoStream, [AccountEvents.New(new Deposited(1))]);
        await store.SaveCheckpointAsync(await store.ReadCheckpointAsync(streamId, Consumer), 1);

        var events = await store.ReadForwardAsync(streamId).ToListAsync();

        Assert.Equal([1L], events.Select(e => e.Version));
        Assert.Equal(1, await store.GetStreamVersionAsync(streamId));
    }
}
