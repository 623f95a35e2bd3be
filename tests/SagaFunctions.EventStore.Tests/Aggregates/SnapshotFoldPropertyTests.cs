using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using SagaFunctions.EventStore.Aggregates;
using SagaFunctions.EventStore.Tests.TestDomain;

namespace SagaFunctions.EventStore.Tests.Aggregates;

/// <summary>The pure half: snapshot (through its JSON encoding) + fold of the tail equals the full fold.</summary>
public sealed class SnapshotFoldPropertyTests
{
    [Property(MaxTest = 500)]
    public Property Snapshot_plus_tail_equals_full_fold(int[] codes, PositiveInt interval)
    {
        var definition = AccountState.Definition(snapshotInterval: 1 + (interval.Get % 20));
        var events = codes.Select(EventCodes.ToEvent).ToList();
        var full = SnapshotPolicy.Fold(definition, AccountState.Empty, events);

        // Walk the stream one event at a time, snapshotting where the policy says, then load from the last snapshot.
        var latest = new AggregateState<AccountState>(AccountState.Empty, 0, 0);
        var running = latest;
        foreach (var data in events)
        {
            var next = running with { State = definition.Fold(running.State, data), Version = running.Version + 1 };
            if (SnapshotPolicy.ShouldSnapshot(running.Version, next.Version, definition.SnapshotInterval))
            {
                latest = SnapshotCodec.TryDecode(definition, SnapshotCodec.Encode(definition, next))!;
            }

            running = next;
        }

        var loaded = SnapshotPolicy.Fold(definition, latest.State, events.Skip((int)latest.Version));
        return (loaded == full && running.State == full).Label($"interval {definition.SnapshotInterval}, snapshot at {latest.Version}");
    }

    [Fact]
    public void Snapshot_of_another_schema_version_or_aggregate_is_not_trusted()
    {
        var definition = AccountState.Definition(schemaVersion: 2);
        var state = new AggregateState<AccountState>(new AccountState("x", 5, 3, 99), 3, 0);
        var encoded = SnapshotCodec.Encode(definition, state);

        Assert.NotNull(SnapshotCodec.TryDecode(definition, encoded));
        Assert.Null(SnapshotCodec.TryDecode(definition with { SnapshotSchemaVersion = 3 }, encoded));
        Assert.Null(SnapshotCodec.TryDecode(definition with { Name = "other" }, encoded));
        Assert.Null(SnapshotCodec.TryDecode(definition, encoded with { StateJson = "{not json"u8.ToArray() }));
    }

    [Theory]
    [InlineData(0, 1, 10, false)]
    [InlineData(9, 10, 10, true)]
    [InlineData(5, 25, 10, true)]
    [InlineData(10, 19, 10, false)]
    [InlineData(3, 300, 0, false)]
    public void Snapshot_is_due_when_an_append_crosses_the_interval(long before, long after, int interval, bool due) =>
        Assert.Equal(due, SnapshotPolicy.ShouldSnapshot(before, after, interval));
}
