using FsCheck;
using FsCheck.Xunit;
using SagaFunctions.EventStore.Tests.Infrastructure;
using SagaFunctions.EventStore.Tests.TestDomain;

namespace SagaFunctions.EventStore.Tests.Aggregates;

/// <summary>The stored half, against Azurite with a modest number of cases: load (snapshot + tail) equals the full fold.</summary>
[Collection("Azurite")]
public sealed class AggregateStorePropertyTests(AzuriteOnDiskFixture azurite)
{
    // One table for all cases (each case uses its own stream); created on first use because the
    // property runner invokes the method many times on one instance.
    private readonly Lazy<Task<TableEventStore>> _store = new(() => TestStores.CreateAsync(azurite));

    [Property(MaxTest = 30)]
    public async Task<bool> Load_with_snapshots_equals_full_fold(int[] codes, PositiveInt interval, PositiveInt batchSize)
    {
        var accounts = new AggregateStore<AccountState>(await _store.Value, AccountState.Definition(snapshotInterval: 1 + (interval.Get % 15)));
        var streamId = TestStores.NewStreamId();
        var events = codes.Select(EventCodes.ToEvent).ToList();
        var state = new AggregateState<AccountState>(AccountState.Empty, 0, 0);
        foreach (var batch in events.Chunk(1 + (batchSize.Get % 7)))
        {
            state = await accounts.AppendAsync(streamId, state, [.. batch.Select(data => AccountEvents.New(data))]);
        }

        var loaded = await accounts.LoadAsync(streamId);
        var full = SnapshotPolicy.Fold(accounts.Definition, AccountState.Empty, events);
        var expectedSnapshot = events.Count / accounts.Definition.SnapshotInterval > 0 ? loaded.SnapshotVersion > 0 : loaded.SnapshotVersion == 0;
        return loaded.State == full && state.State == full && loaded.Version == events.Count && expectedSnapshot;
    }
}
