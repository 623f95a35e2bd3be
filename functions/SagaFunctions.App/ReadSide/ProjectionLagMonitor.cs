using System.Collections.Concurrent;
using Azure.Data.Tables;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using SagaFunctions.App.Platform.Storage;
using SagaFunctions.App.Platform.Telemetry;

namespace SagaFunctions.App.ReadSide;

/// <summary>What the projection passes of all instances did, per projection, as stored.</summary>
public sealed record ProjectionActivity(DateTimeOffset LastAppliedEventAt, DateTimeOffset LastProjectedAt, TimeSpan LastLag, long EventsApplied);

/// <summary>
/// The projection lag (event append → view row written), per projection, kept in storage so that any
/// instance answers <c>GET /api/projections</c>, not only the one that did the work (in Azure the
/// HTTP functions and the projection function run on different instances). Each process counts in
/// memory and writes its own row of table <c>ProjectionStats</c> (partition = projection, row = this
/// process) at most every <c>Projections:StatsFlushInterval</c> (default 10 s); a read sums the rows.
/// </summary>
public sealed partial class ProjectionLagMonitor(SagaStorage storage, IConfiguration configuration, TimeProvider time, SagaMetrics metrics, ILogger<ProjectionLagMonitor> logger)
{
    public const string TableName = "ProjectionStats";

    /// <summary>This process, among the instances writing stats.</summary>
    private static readonly string Instance = $"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid():N}";

    /// <summary>A process that wrote nothing for this long is gone (instances come and go): its row is dropped.</summary>
    private static readonly TimeSpan Forgotten = TimeSpan.FromDays(7);

    private readonly ConcurrentDictionary<string, ProjectionActivity> _activity = new(StringComparer.Ordinal);
    private readonly TableClient _table = storage.Table(TableName);
    private readonly Lazy<Task> _created = new(() => storage.Table(TableName).CreateIfNotExistsAsync());
    private readonly Lock _gate = new();
    private DateTimeOffset _flushedAt = DateTimeOffset.MinValue;
    private Task _flushing = Task.CompletedTask;

    private TimeSpan FlushInterval => configuration.GetValue("Projections:StatsFlushInterval", TimeSpan.FromSeconds(10));

    /// <summary>Notes (and logs) a pass that applied <paramref name="applied"/> events of <paramref name="streamId"/> into <paramref name="row"/>.</summary>
    public void Record(string projection, int generation, string streamId, ViewRow row, int applied)
    {
        ArgumentNullException.ThrowIfNull(row);
        var now = time.GetUtcNow();
        var lastEventAt = row.LastEventAt;
        var lag = now - lastEventAt;
        metrics.ProjectionLag(projection, lag);
        _activity.AddOrUpdate(
            projection,
            _ => new ProjectionActivity(lastEventAt, now, lag, applied),
            (_, previous) => new ProjectionActivity(
                lastEventAt > previous.LastAppliedEventAt ? lastEventAt : previous.LastAppliedEventAt, now, lag, previous.EventsApplied + applied));
        lock (_gate)
        {
            if (now - _flushedAt >= FlushInterval && _flushing.IsCompleted)
            {
                _flushedAt = now;
                _flushing = FlushAsync();
            }
        }

        LogProjected(logger, streamId, row.Version, projection, generation, lag.TotalMilliseconds);
    }

    /// <summary>Every instance's activity, summed per projection (the rows of instances long gone are dropped).</summary>
    public async Task<IReadOnlyDictionary<string, ProjectionActivity>> ReadAsync(CancellationToken cancellationToken)
    {
        await _created.Value;
        var rows = new List<TableEntity>();
        var forgotten = time.GetUtcNow() - Forgotten;
        await foreach (var row in _table.QueryAsync<TableEntity>(cancellationToken: cancellationToken))
        {
            if (row.GetDateTimeOffset("WrittenAt") < forgotten)
            {
                await _table.DeleteEntityAsync(row.PartitionKey, row.RowKey, row.ETag, cancellationToken);
                continue;
            }

            rows.Add(row);
        }

        return rows.GroupBy(r => r.PartitionKey, StringComparer.Ordinal).ToDictionary(g => g.Key, g =>
        {
            var latest = g.MaxBy(r => r.GetDateTimeOffset(nameof(ProjectionActivity.LastProjectedAt)))!;
            return new ProjectionActivity(
                g.Max(r => r.GetDateTimeOffset(nameof(ProjectionActivity.LastAppliedEventAt)) ?? DateTimeOffset.MinValue),
                latest.GetDateTimeOffset(nameof(ProjectionActivity.LastProjectedAt)) ?? DateTimeOffset.MinValue,
                TimeSpan.FromMilliseconds(latest.GetDouble(nameof(ProjectionActivity.LastLag)) ?? 0),
                g.Sum(r => r.GetInt64(nameof(ProjectionActivity.EventsApplied)) ?? 0));
        }, StringComparer.Ordinal);
    }

    /// <summary>Writes this process's counts now (tests; the passes flush on their own).</summary>
    public async Task FlushAsync()
    {
        try
        {
            await _created.Value;
            await Task.WhenAll(_activity.Select(a => _table.UpsertEntityAsync(
                new TableEntity(a.Key, Instance)
                {
                    [nameof(ProjectionActivity.LastAppliedEventAt)] = a.Value.LastAppliedEventAt,
                    [nameof(ProjectionActivity.LastProjectedAt)] = a.Value.LastProjectedAt,
                    [nameof(ProjectionActivity.LastLag)] = a.Value.LastLag.TotalMilliseconds,
                    [nameof(ProjectionActivity.EventsApplied)] = a.Value.EventsApplied,
                    ["WrittenAt"] = time.GetUtcNow(),
                },
                TableUpdateMode.Replace)));
        }
        catch (Azure.RequestFailedException e)
        {
            // Statistics only: the next pass writes them again.
            LogFlushFailed(logger, e);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Projected {StreamId}@{Version} into {Projection} (generation {Generation}); lag {LagMs:0} ms")]
    private static partial void LogProjected(ILogger logger, string streamId, long version, string projection, int generation, double lagMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Writing the projection statistics failed")]
    private static partial void LogFlushFailed(ILogger logger, Exception exception);
}
