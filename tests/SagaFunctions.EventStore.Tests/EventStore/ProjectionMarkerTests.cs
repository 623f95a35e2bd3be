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
}
