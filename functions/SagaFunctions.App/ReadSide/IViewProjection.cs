using SagaFunctions.EventStore;

namespace SagaFunctions.App.ReadSide;

/// <summary>
/// One read model fed by one kind of stream: a row per stream in the context's views table, holding
/// the view record its pure fold makes of the stream's events. The row's version is its checkpoint,
/// so the same events never apply twice. <see cref="ViewProjection{TView}"/> makes one from a view's fold.
/// </summary>
public interface IViewProjection
{
    /// <summary>Stable name, as shown by <c>GET /api/projections</c>.</summary>
    string Name { get; }

    /// <summary>The context's event table the streams live in (without the table prefix).</summary>
    string EventTable { get; }

    /// <summary>The context's views table (without prefix or generation suffix).</summary>
    string ViewTable { get; }

    /// <summary>The type of the view record the rows hold.</summary>
    Type ViewType { get; }

    bool IsFedBy(string streamId);

    ViewKey KeyOf(string streamId);

    /// <summary>
    /// Folds <paramref name="events"/> (the stream's, in order, after the row's checkpoint) into the
    /// row (null: the stream's first events); the checkpoint moves to the last one. Pure.
    /// </summary>
    ViewRow Fold(ViewRow? row, IReadOnlyList<RecordedEvent> events);

    /// <summary>Rows that are a pure function of the row (e.g. a customer's order-history entry), with its checkpoint.</summary>
    IEnumerable<ViewRow> Derive(ViewRow row);
}
