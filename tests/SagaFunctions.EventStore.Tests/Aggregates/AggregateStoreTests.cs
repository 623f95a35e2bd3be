using SagaFunctions.EventStore.Tests.Infrastructure;
using SagaFunctions.EventStore.Tests.TestDomain;

namespace SagaFunctions.EventStore.Tests.Aggregates;

[Collection("Azurite")]
public sealed class AggregateStoreTests(AzuriteOnDiskFixture azurite)
{
    [Fact]
    public async Task Load_with_a_recent_snapshot_takes_at_most_two_round_trips()
    {
        var counter = new RequestCountingPolicy();
        var store = await TestStores.CreateAsync(azurite, counter: counter);
        var accounts = new AggregateStore<AccountState>(store, AccountState.Definition(snapshotInterval: 50));
        var streamId = TestStores.NewStreamId();
        var state = new AggregateState<AccountState>(AccountState.Empty, 0, 0);
        var events = Enumerable.Range(0, 530).Select(EventCodes.ToEvent).ToList();
        foreach (var batch in events.Chunk(40))
        {
            state = await accounts.AppendAsync(streamId, state, [.. batch.Select(data => AccountEvents.New(data))]);
        }

        counter.Reset();
        var loaded = await accounts.LoadAsync(streamId);

        Assert.True(counter.Count <= 2, $"Load took {counter.Count} requests.");
        Assert.Equal(520, loaded.SnapshotVersion);
        Assert.Equal((530L, SnapshotPolicy.Fold(accounts.Definition, AccountState.Empty, events)), (loaded.Version, loaded.State));
    }

    [Fact]
    public async Task Snapshot_of_an_older_schema_version_is_ignored_and_the_stream_folded_in_full()
    {
        var store = await TestStores.CreateAsync(azurite);
        var streamId = TestStores.NewStreamId();
        var v1 = new AggregateStore<AccountState>(store, AccountState.Definition(snapshotInterval: 2, schemaVersion: 1));
        var appended = await v1.AppendAsync(streamId, new AggregateState<AccountState>(AccountState.Empty, 0, 0), [AccountEvents.New(new Deposited(1)), AccountEvents.New(new Deposited(2)), AccountEvents.New(new Deposited(3))]);
        await v1.WriteSnapshotAsync(streamId, appended with { State = appended.State with { Balance = 999 } });

        var fromV1 = await v1.LoadAsync(streamId);
        var v2 = new AggregateStore<AccountState>(store, AccountState.Definition(snapshotInterval: 2, schemaVersion: 2));
        var fromV2 = await v2.LoadAsync(streamId);

        Assert.Equal(999, fromV1.State.Balance); // proves the tampered snapshot is what v1 reads
        Assert.Equal((6L, 0L), (fromV2.State.Balance, fromV2.SnapshotVersion));
    }

    [Fact]
    public async Task Retried_aggregate_append_returns_the_stored_state()
    {
        var store = await TestStores.CreateAsync(azurite);
        var accounts = new AggregateStore<AccountState>(store, AccountState.Definition());
        var streamId = TestStores.NewStreamId();
        var empty = new AggregateState<AccountState>(AccountState.Empty, 0, 0);
        NewEvent[] append = [AccountEvents.New(new Deposited(4), "order-9:reserve")];

        var first = await accounts.AppendAsync(streamId, empty, append);
        var retry = await accounts.AppendAsync(streamId, empty, append);

        Assert.Equal(first.State, retry.State);
        Assert.Equal(1, retry.Version);
    }
}
