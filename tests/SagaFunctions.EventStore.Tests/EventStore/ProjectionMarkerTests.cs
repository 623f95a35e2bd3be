using SagaFunctions.EventStore.Tests.Infrastructure;
using SagaFunctions.EventStore.Tests.TestDomain;

namespace SagaFunctions.EventStore.Tests.EventStore;

[Collection("Azurite")]
public sealed class ProjectionMarkerTests(AzuriteOnDiskFixture azurite)
{
    [Fact]
    public async Task Append_leaves_a_marker_that_clears()
    {
        var store = await TestStores.CreateAsync(azurite);
        var streamId = TestStores.NewStreamId();
        await store.AppendAsync(streamId, ExpectedVersion.NoStream, [AccountEvents.New(new Deposited(1)), AccountEvents.New(new Deposited(2))]);

        var marker = Assert.Single(await store.ListPendingMarkersAsync().ToListAsync());
        var cleared = await store.ClearMarkerAsync(streamId, marker);

        Assert.Equal((streamId, 2L), (marker.StreamId, marker.Version));
        Assert.True(cleared);
        Assert.Empty(await store.ListPendingMarkersAsync().ToListAsync());
    }

    [Fact]
    public async Task Clear_after_a_newer_append_returns_false_and_keeps_the_marker()
    {
        var store = await TestStores.CreateAsync(azurite);
        var streamId = TestStores.NewStreamId();
        await store.AppendAsync(streamId, ExpectedVersion.NoStream, [AccountEvents.New(new Deposited(1))]);
        var seen = Assert.Single(await store.ListPendingMarkersAsync().ToListAsync());
        await store.AppendAsync(streamId, ExpectedVersion.Exact(1), [AccountEvents.New(new Deposited(2))]);

        var cleared = await store.ClearMarkerAsync(streamId, seen);

        var kept = Assert.Single(await store.ListPendingMarkersAsync().ToListAsync());
        Assert.False(cleared);
        Assert.Equal(2, kept.Version);
        Assert.True(kept.AppendedAt >= seen.AppendedAt);
    }

    [Fact]
    public async Task Markers_are_listed_per_stream()
    {
        var store = await TestStores.CreateAsync(azurite);
        var streams = Enumerable.Range(0, 3).Select(_ => TestStores.NewStreamId()).ToList();
        foreach (var streamId in streams)
        {
            await store.AppendAsync(streamId, ExpectedVersion.NoStream, [AccountEvents.New(new Deposited(1))]);
        }

        var markers = await store.ListPendingMarkersAsync().ToListAsync();

        Assert.Equal(streams.Order(StringComparer.Ordinal), markers.Select(m => m.StreamId).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Listing_the_markers_queries_their_own_partition_only()
    {
        var counter = new RequestCountingPolicy();
        var store = await TestStores.CreateAsync(azurite, counter: counter);
        for (var i = 0; i < 3; i++)
        {
            await store.AppendAsync(TestStores.NewStreamId(), ExpectedVersion.NoStream, [AccountEvents.New(new Deposited(1))]);
        }

        counter.Reset();
        var markers = await store.ListPendingMarkersAsync().ToListAsync();

        Assert.Equal(3, markers.Count);
        var query = Assert.Single(counter.Uris);
        Assert.Contains("$filter=PartitionKey eq '~markers'", query, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_append_announces_its_marker_before_it_writes_so_a_refused_append_leaves_one_ahead_of_the_stream()
    {
        var store = await TestStores.CreateAsync(azurite);
        var other = TestStores.OnSameTable(azurite, store); // another process's store: its head cache knows nothing of ours
        var streamId = TestStores.NewStreamId();
        await store.AppendAsync(streamId, ExpectedVersion.NoStream, [AccountEvents.New(new Deposited(1))]);
        await other.AppendAsync(streamId, ExpectedVersion.Exact(1), [AccountEvents.New(new Deposited(2))]);

        // This store still believes the stream is at 1: it announces version 3, then its write is refused.
        await Assert.ThrowsAsync<WrongExpectedVersionException>(() =>
            store.AppendAsync(streamId, ExpectedVersion.Exact(1), [AccountEvents.New(new Deposited(3)), AccountEvents.New(new Deposited(4))]));

        var announced = Assert.Single(await store.ListPendingMarkersAsync().ToListAsync());
        Assert.Equal(3, announced.Version);
        Assert.Equal(2, await store.GetStreamVersionAsync(streamId));
        Assert.Equal(announced, await store.GetMarkerAsync(streamId));
    }

    [Fact]
    public async Task Stream_ids_may_not_start_with_the_markers_prefix()
    {
        var store = await TestStores.CreateAsync(azurite);

        await Assert.ThrowsAsync<ArgumentException>(() => store.AppendAsync("~markers", ExpectedVersion.NoStream, [AccountEvents.New(new Deposited(1))]));
    }

    [Fact]
    public async Task A_rebuilds_scan_and_stream_listing_skip_the_markers()
    {
        var store = await TestStores.CreateAsync(azurite);
        // Stream ids that would pass as an event row or a head row in the markers' partition.
        string[] streams = ["e-0000000000000000001", "head"];
        foreach (var streamId in streams)
        {
            await store.AppendAsync(streamId, ExpectedVersion.NoStream, [AccountEvents.New(new Deposited(1))]);
        }

        var events = await store.ReadAllAsync().ToListAsync();
        var heads = await store.ListStreamsAsync().ToListAsync();

        Assert.Equal(streams.Order(StringComparer.Ordinal), events.Select(e => e.StreamId));
        Assert.Equal(streams.Order(StringComparer.Ordinal).Select(s => (s, 1L)), heads);
    }
}
