using SagaFunctions.EventStore.Tests.Infrastructure;
using SagaFunctions.EventStore.Tests.TestDomain;

namespace SagaFunctions.EventStore.Tests.EventStore;

[Collection("Azurite")]
public sealed class PartialAppendTests(AzuriteOnDiskFixture azurite)
{
    private static NewEvent[] Bulk(int count) => [.. Enumerable.Range(0, count).Select(i => AccountEvents.New(new Deposited(i), $"bulk-{i}"))];

    [Fact]
    public async Task Split_append_failing_in_a_later_transaction_reports_what_was_committed()
    {
        var store = await TestStores.CreateAsync(azurite);
        var streamId = TestStores.NewStreamId();
        // "bulk-60" is already taken (other data), so the second transaction of the split append fails.
        await store.AppendAsync(streamId, ExpectedVersion.NoStream, [AccountEvents.New(new Renamed("taken"), "bulk-60")]);

        var error = await Assert.ThrowsAsync<PartialAppendException>(() => store.AppendAsync(streamId, ExpectedVersion.Exact(1), Bulk(100)));

        Assert.Equal((2L, 50L, 49), (error.FirstVersion, error.LastCommittedVersion, error.CommittedEventCount));
        Assert.Equal(50, await store.GetStreamVersionAsync(streamId));
        Assert.Equal(50, (await store.ReadForwardAsync(streamId).ToListAsync()).Count);
    }

    [Fact]
    public async Task Retrying_an_append_that_stopped_part_way_writes_only_the_rest()
    {
        var store = await TestStores.CreateAsync(azurite);
        var streamId = TestStores.NewStreamId();
        var all = Bulk(100);
        // As if the first transaction of an earlier attempt had committed and the second had not.
        await store.AppendAsync(streamId, ExpectedVersion.NoStream, all[..49]);

        var retry = await store.AppendAsync(streamId, ExpectedVersion.NoStream, all);

        var events = await store.ReadForwardAsync(streamId).ToListAsync();
        Assert.Equal((1L, 100L, false), (retry.FirstVersion, retry.LastVersion, retry.AlreadyAppended));
        Assert.Equal(all.Select(e => e.EventId), events.Select(e => e.EventId));
    }
}
