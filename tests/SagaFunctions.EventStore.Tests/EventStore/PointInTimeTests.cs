using SagaFunctions.EventStore.Tests.Infrastructure;
using SagaFunctions.EventStore.Tests.TestDomain;

namespace SagaFunctions.EventStore.Tests.EventStore;

[Collection("Azurite")]
public sealed class PointInTimeTests(AzuriteOnDiskFixture azurite)
{
    [Fact]
    public async Task State_as_of_version_and_as_of_timestamp_equals_fold_of_first_k_events()
    {
        var clock = new ManualTimeProvider(new DateTimeOffset(2025, 1, 1, 12, 0, 0, TimeSpan.Zero));
        var store = await TestStores.CreateAsync(azurite, clock);
        var accounts = new AggregateStore<AccountState>(store, AccountState.Definition(snapshotInterval: 4));
        var streamId = TestStores.NewStreamId();
        object[] events = [new Renamed("ann"), new Deposited(10), new Withdrawn(3), new Deposited(7), new Renamed("bob"), new Deposited(1), new Withdrawn(9), new Deposited(2)];
        var timestamps = new List<DateTimeOffset>();
        var state = new AggregateState<AccountState>(AccountState.Empty, 0, 0);
        foreach (var data in events)
        {
            clock.Advance(TimeSpan.FromMinutes(1));
            timestamps.Add(clock.GetUtcNow());
            state = await accounts.AppendAsync(streamId, state, [AccountEvents.New(data)]);
        }

        for (var k = 0; k <= events.Length; k++)
        {
            var expected = SnapshotPolicy.Fold(accounts.Definition, AccountState.Empty, events.Take(k));
            var byVersion = await accounts.LoadAsOfVersionAsync(streamId, k);
            var asOf = k == 0 ? timestamps[0].AddSeconds(-30) : timestamps[k - 1].AddSeconds(30);
            var byTime = await accounts.LoadAsOfAsync(streamId, asOf);

            Assert.Equal(expected, byVersion.State);
            Assert.Equal(k, byVersion.Version);
            Assert.Equal(expected, byTime.State);
            Assert.Equal(k, byTime.Version);
        }
    }

    [Fact]
    public async Task Read_forward_from_a_version_returns_the_rest_in_order_with_metadata()
    {
        var store = await TestStores.CreateAsync(azurite);
        var streamId = TestStores.NewStreamId();
        var metadata = new EventMetadata("corr-1", "cause-1", new DateTimeOffset(2024, 5, 6, 7, 8, 9, TimeSpan.Zero));
        await store.AppendAsync(streamId, ExpectedVersion.NoStream,
            [.. Enumerable.Range(1, 5).Select(i => new NewEvent($"e{i}", new Deposited(i), metadata))]);

        var tail = await store.ReadForwardAsync(streamId, fromVersion: 3).ToListAsync();
        var middle = await store.ReadForwardAsync(streamId, fromVersion: 2, toVersion: 3).ToListAsync();

        Assert.Equal([3L, 4L, 5L], tail.Select(e => e.Version));
        Assert.Equal([2L, 3L], middle.Select(e => e.Version));
        Assert.Equal(new Deposited(3), tail[0].Data);
        Assert.Equal(("e3", "V1.Deposited", "corr-1", "cause-1", metadata.Timestamp), (tail[0].EventId, tail[0].EventType, tail[0].CorrelationId, tail[0].CausationId, (DateTimeOffset?)tail[0].Timestamp));
    }
}
