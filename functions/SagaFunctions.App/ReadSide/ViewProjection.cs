using SagaFunctions.EventStore;

namespace SagaFunctions.App.ReadSide;

/// <summary>
/// A read model from its parts, with no code of its own: the streams that feed it
/// (<see cref="StreamPrefix"/>), where their rows live, and the view's pure fold in the shape of
/// Marten's SingleStreamProjection: <see cref="Create"/> the view from a stream's first event,
/// <see cref="Apply"/> each next one.
/// </summary>
public sealed class ViewProjection<TView> : IViewProjection
    where TView : class
{
    public required string Name { get; init; }

    public required string EventTable { get; init; }

    public required string ViewTable { get; init; }

    /// <summary>Streams <c>{prefix}{id}</c> feed it; the row of each is keyed by the id (<see cref="ViewPartitions"/>).</summary>
    public required string StreamPrefix { get; init; }

    public required Func<object, TView> Create { get; init; }

    public required Func<TView, object, TView> Apply { get; init; }

    /// <summary>Views that are a pure function of the view, each with where it lives.</summary>
    public Func<TView, IEnumerable<(ViewKey Key, object View)>> Derived { get; init; } = _ => [];

    public Type ViewType => typeof(TView);

    public bool IsFedBy(string streamId)
    {
        ArgumentNullException.ThrowIfNull(streamId);
        return streamId.StartsWith(StreamPrefix, StringComparison.Ordinal);
    }

    public ViewKey KeyOf(string streamId)
    {
        ArgumentNullException.ThrowIfNull(streamId);
        var id = streamId[StreamPrefix.Length..];
        return new ViewKey(ViewPartitions.For(StreamPrefix, id), id);
    }

    public ViewRow Fold(ViewRow? row, IReadOnlyList<RecordedEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        var last = events.Count > 0 ? events[^1] : throw new ArgumentException("A fold needs at least one event.", nameof(events));
        var view = (TView?)row?.View;
        foreach (var recorded in events)
        {
            view = view is null ? Create(recorded.Data) : Apply(view, recorded.Data);
        }

        return new ViewRow(row?.Key ?? KeyOf(last.StreamId), view!, last.Version, last.Timestamp, row?.ETag ?? default);
    }

    public IEnumerable<ViewRow> Derive(ViewRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return Derived((TView)row.View).Select(d => new ViewRow(d.Key, d.View, row.Version, row.LastEventAt));
    }
}
