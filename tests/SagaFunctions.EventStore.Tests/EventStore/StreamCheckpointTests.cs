using SagaFunctions.EventStore.Tests.Infrastructure;
using SagaFunctions.EventStore.Tests.TestDomain;

namespace SagaFunctions.EventStore.Tests.EventStore;

/// <summary>A consumer's checkpoint in the stream's partition, saved with the marker clear in one request.</summary>
[Collection("Azurite")]
public sealed class StreamCheckpointTests(AzuriteOnDiskFixture azurite)
{
    private const string Consumer = "published";

    [Fact]
    public async Task A_checkpoint_saved_with_the_marker_clears_it_in_one_request_and_reads_back()
    {
        var counter = new RequestCountingPolicy();
        var store = await TestStores.CreateAsync(azurite, counter: counter);
        var streamId = TestStores.NewStreamId();
        await store.AppendAsync(streamId, ExpectedVersion.NoStream, [AccountEvents.New(new Deposited(1)), AccountEvents.New(new Deposited(2))]);
        var marker = Assert.Single(await store.ListPendingMarkersAsync().ToListAsync());
        var none = await store.ReadCheckpointAsync(streamId, Consumer);

        var before = counter.Count;
        var save = await store.SaveCheckpointAsync(none, 2, marker);
        var requests = counter.Count - before;

        Assert.Equal((0L, (string?)null), (none.Version, none.ConcurrencyToken));
        Assert.Equal(1, requests);
        Assert.True(save.MarkerCleared);
        Assert.Empty(await store.ListPendingMarkersAsync().ToListAsync());
        var read = await store.ReadCheckpointAsync(streamId, Consumer);
        Assert.Equal(2, read.Version);
        Assert.Equal(read.ConcurrencyToken, save.Stored!.ConcurrencyToken);
    }

    [Fact]
    public async Task The_token_a_save_returns_lets_the_next_save_through_and_a_stale_one_writes_nothing()
    {
        var store = await TestStores.CreateAsync(azurite);
        var streamId = TestStores.NewStreamId();
        await store.AppendAsync(streamId, ExpectedVersion.NoStream, [AccountEvents.New(new Deposited(1))]);
        var none = await store.ReadCheckpointAsync(streamId, Consumer);
        var first = (await store.SaveCheckpointAsync(none, 1)).Stored!;
        var second = (await store.SaveCheckpointAsync(first, 2)).Stored;

        await store.AppendAsync(streamId, ExpectedVersion.Exact(1), [AccountEvents.New(new Deposited(2))]);
        var marker = Assert.Single(await store.ListPendingMarkersAsync().ToListAsync());
        var stale = await store.SaveCheckpointAsync(first, 5, marker);
        var again = await store.SaveCheckpointAsync(none, 5);

        Assert.NotNull(second);
        Assert.Equal((null, false), (stale.Stored, stale.MarkerCleared));
        Assert.Null(again.Stored);
        Assert.Single(await store.ListPendingMarkersAsync().ToListAsync());
        Assert.Equal(2, (await store.ReadCheckpointAsync(streamId, Consumer)).Version);
    }

    [Fact]
    public async Task A_marker_a_newer_append_replaced_stays_and_the_checkpoint_is_saved_alone()
    {
        var store = await TestStores.CreateAsync(azurite);
        var streamId = TestStores.NewStreamId();
        await store.AppendAsync(streamId, ExpectedVersion.NoStream, [AccountEvents.New(new Deposited(1))]);
        var seen = Assert.Single(await store.ListPendingMarkersAsync().ToListAsync());
        await store.AppendAsync(streamId, ExpectedVersion.Exact(1), [AccountEvents.New(new Deposited(2))]);

        var save = await store.SaveCheckpointAsync(await store.ReadCheckpointAsync(streamId, Consumer), 1, seen);

        Assert.False(save.MarkerCleared);
        Assert.Equal(1, save.Stored!.Version);
        Assert.Equal(2, Assert.Single(await store.ListPendingMarkersAsync().ToListAsync()).Version);
        Assert.Equal(1, (await store.ReadCheckpointAsync(streamId, Consumer)).Version);
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
