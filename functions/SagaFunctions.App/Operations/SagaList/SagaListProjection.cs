using System.Globalization;
using SagaFunctions.App.Platform.Storage;
using SagaFunctions.App.ReadSide;
using SagaFunctions.Domain;
using SagaFunctions.EventStore;

namespace SagaFunctions.App.Operations.SagaList;

/// <summary>
/// The operator's saga list, fed by the order streams (table <c>SagaListViews</c>): a checkpoint row
/// per order (partition <c>saga-{bucket}</c>, row = order id) and, derived from it, the row the list
/// pages through: partition <c>day-{days before 9999-12-31 of the creation day}</c>, row = ticks
/// before the end of time of the creation, then the order id. Both keys count down, so one range
/// query over a time range reads newest first, day after day, without listing orchestrations.
/// </summary>
public sealed class SagaListProjection : IViewProjection
{
    public const string Table = "SagaListViews";
    public const string DayPrefix = "day-";
    private const string CheckpointPrefix = "saga-";

    public static SagaListProjection Instance { get; } = new();

    public string Name => "sagas";

    public string EventTable => ContextTables.OrderEvents;

    public string ViewTable => Table;

    public Type ViewType => typeof(SagaListEntry);

    public bool IsFedBy(string streamId)
    {
        ArgumentNullException.ThrowIfNull(streamId);
        return streamId.StartsWith(StreamNames.OrderPrefix, StringComparison.Ordinal);
    }

    public ViewKey KeyOf(string streamId)
    {
        ArgumentNullException.ThrowIfNull(streamId);
        var orderId = streamId[StreamNames.OrderPrefix.Length..];
        return new ViewKey(ViewPartitions.For(CheckpointPrefix, orderId), orderId);
    }

    public ViewRow Fold(ViewRow? row, IReadOnlyList<RecordedEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        var last = events.Count > 0 ? events[^1] : throw new ArgumentException("A fold needs at least one event.", nameof(events));
        var entry = (SagaListEntry?)row?.View;
        foreach (var recorded in events)
        {
            entry = entry is null ? SagaListEntry.Create(recorded) : entry.Apply(recorded);
        }

        return new ViewRow(row?.Key ?? KeyOf(last.StreamId), entry!, last.Version, last.Timestamp, row?.ETag ?? default);
    }

    public IEnumerable<ViewRow> Derive(ViewRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var entry = (SagaListEntry)row.View;
        return [new ViewRow(ListKey(entry.CreatedAt, entry.OrderId), entry, row.Version, row.LastEventAt)];
    }

    public static ViewKey ListKey(DateTimeOffset createdAt, string orderId) =>
        new(DayPartition(createdAt), (DateTimeOffset.MaxValue.UtcTicks - createdAt.UtcTicks).ToString("D19", CultureInfo.InvariantCulture) + "_" + orderId);

    /// <summary>The list partition of a creation time's day (UTC); later days sort first.</summary>
    public static string DayPartition(DateTimeOffset at) =>
        DayPrefix + (DateOnly.MaxValue.DayNumber - DateOnly.FromDateTime(at.UtcDateTime).DayNumber).ToString("D7", CultureInfo.InvariantCulture);
}
