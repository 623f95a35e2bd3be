using SagaFunctions.EventStore;
using SagaFunctions.App.Platform.Shortcuts;
using SagaFunctions.App.ReadSide.SpeedUps;

namespace SagaFunctions.App.Tests.ReadSide.SpeedUps;

/// <summary>The in-process memory of recent appends hands out only runs it knows completely.</summary>
public sealed class RecentAppendsTests
{
    private const string Table = "OrderEvents";
    private const string Stream = "order-1";

    [Fact]
    public void Consecutive_appends_join_into_one_run()
    {
        var recent = new RecentAppends(InProcessShortcuts.On);
        recent.Record(Table, Events(1, 2));
        recent.Record(Table, Events(3, 3));

        Assert.True(recent.TryGetFrom(Table, Stream, 2, 3, out var events));
        Assert.Equal([2L, 3L], events.Select(e => e.Version));
    }

    [Fact]
    public void A_gap_starts_a_new_run_and_what_came_before_it_is_not_handed_out()
    {
        var recent = new RecentAppends(InProcessShortcuts.On);
        recent.Record(Table, Events(1, 2));
        recent.Record(Table, Events(5, 5)); // 3 and 4 were appended elsewhere

        Assert.False(recent.TryGetFrom(Table, Stream, 1, 5, out _));
        Assert.True(recent.TryGetFrom(Table, Stream, 5, 5, out var events));
        Assert.Equal([5L], events.Select(e => e.Version));
    }

    [Fact]
    public void A_run_that_does_not_reach_the_wanted_version_is_not_handed_out()
    {
        var recent = new RecentAppends(InProcessShortcuts.On);
        recent.Record(Table, Events(1, 2));
        recent.Record(Table, Events(1, 1)); // a late, older record changes nothing

        Assert.False(recent.TryGetFrom(Table, Stream, 1, 3, out _));
        Assert.False(recent.TryGetFrom(Table, "order-2", 1, 1, out _));
        Assert.True(recent.TryGetFrom(Table, Stream, 3, 2, out var none));
        Assert.Empty(none);
    }

    [Fact]
    public void Only_the_newest_events_of_a_long_run_are_kept()
    {
        var recent = new RecentAppends(InProcessShortcuts.On);
        for (var version = 1; version <= RecentAppends.MaxPerStream + 10; version++)
        {
            recent.Record(Table, Events(version, version));
        }

        Assert.False(recent.TryGetFrom(Table, Stream, 1, RecentAppends.MaxPerStream + 10, out _));
        Assert.True(recent.TryGetFrom(Table, Stream, 11, RecentAppends.MaxPerStream + 10, out var events));
        Assert.Equal(RecentAppends.MaxPerStream, events.Count);
    }

    private static RecordedEvent[] Events(long from, long to) =>
        [.. Enumerable.Range((int)from, (int)(to - from + 1)).Select(v => new RecordedEvent(Stream, v, $"e{v}", "Test", new object(), DateTimeOffset.UnixEpoch, null, null))];
}
