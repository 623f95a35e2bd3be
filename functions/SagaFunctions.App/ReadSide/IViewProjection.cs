using Azure.Data.Tables;
using SagaFunctions.EventStore;

namespace SagaFunctions.App.ReadSide;

/// <summary>
/// One read model fed by one kind of stream: a row per stream in the context's views table, folded
/// from the stream's events. The row's <see cref="ViewColumns.Version"/> is its checkpoint, so the
/// same events never apply twice.
/// </summary>
public interface IViewProjection
{
    /// <summary>Stable name, as shown by <c>GET /api/projections</c>.</summary>
    string Name { get; }

    /// <summary>The context's event table the streams live in (without the table prefix).</summary>
    string EventTable { get; }

    /// <summary>The context's views table (without prefix or generation suffix).</summary>
    string ViewTable { get; }

    bool IsFedBy(string streamId);

    ViewKey KeyOf(string streamId);

    /// <summary>Applies one event to the row (the checkpoint columns are set by the caller).</summary>
    void Apply(TableEntity row, RecordedEvent recorded);

    /// <summary>Rows that are a pure function of the main row (e.g. a customer's order history entry), with its version.</summary>
    IEnumerable<TableEntity> Derive(TableEntity row);
}
