using System.Globalization;
using Azure;
using Azure.Data.Tables;
using SagaFunctions.App.Platform.Storage;

namespace SagaFunctions.App.ReadSide;

/// <summary>
/// How far a rebuild of one generation got: the projection it is folding (by its place in the
/// catalog), the stream it resumes from, and what it did so far. Saved after every slice of the fold
/// (table <c>ReadModelGenerations</c>, row <c>rebuild-{generation}</c>), so a rebuild that is
/// stopped part-way (the function's timeout, a crash) resumes there on its message's retry.
/// </summary>
public sealed record RebuildProgress(int Generation, DateTimeOffset StartedAt, int Projection, string? ResumeFrom, int Streams, long Events)
{
    public bool Folded(int projectionCount) => Projection >= projectionCount;
}

/// <summary>Reads and saves <see cref="RebuildProgress"/> (one row per generation being built).</summary>
public sealed class RebuildProgressRows(SagaStorage storage)
{
    private const string PartitionKey = "generation";

    private readonly TableClient _table = storage.Table(ReadModelGenerations.TableName);

    /// <summary>The progress so far, or a fresh start (stamped <paramref name="now"/>) when there is none.</summary>
    public async Task<RebuildProgress> ReadAsync(int generation, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (await FindAsync(generation, cancellationToken) is { } saved)
        {
            return saved;
        }

        var fresh = new RebuildProgress(generation, now, 0, null, 0, 0);
        await SaveAsync(fresh, cancellationToken);
        return fresh;
    }

    /// <summary>The progress saved so far; null when the rebuild has not saved any (for the console: a read that writes nothing).</summary>
    public async Task<RebuildProgress?> FindAsync(int generation, CancellationToken cancellationToken)
    {
        var row = await _table.GetEntityIfExistsAsync<TableEntity>(PartitionKey, RowKey(generation), cancellationToken: cancellationToken);
        if (!row.HasValue)
        {
            return null;
        }

        var entity = row.Value!;
        return new RebuildProgress(
            generation,
            entity.GetDateTimeOffset(nameof(RebuildProgress.StartedAt)) ?? DateTimeOffset.MinValue,
            entity.GetInt32(nameof(RebuildProgress.Projection)) ?? 0,
            entity.GetString(nameof(RebuildProgress.ResumeFrom)),
            entity.GetInt32(nameof(RebuildProgress.Streams)) ?? 0,
            entity.GetInt64(nameof(RebuildProgress.Events)) ?? 0);
    }

    /// <summary>Saves the progress (blindly: two copies of one rebuild do the same work and save the same points).</summary>
    public async Task SaveAsync(RebuildProgress progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(progress);
        await _table.UpsertEntityAsync(
            new TableEntity(PartitionKey, RowKey(progress.Generation))
            {
                [nameof(RebuildProgress.StartedAt)] = progress.StartedAt,
                [nameof(RebuildProgress.Projection)] = progress.Projection,
                [nameof(RebuildProgress.ResumeFrom)] = progress.ResumeFrom,
                [nameof(RebuildProgress.Streams)] = progress.Streams,
                [nameof(RebuildProgress.Events)] = progress.Events,
            },
            TableUpdateMode.Replace,
            cancellationToken);
    }

    public async Task ForgetAsync(int generation, CancellationToken cancellationToken)
    {
        try
        {
            await _table.DeleteEntityAsync(PartitionKey, RowKey(generation), ETag.All, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // Already forgotten (a duplicate of the last step).
        }
    }

    private static string RowKey(int generation) => "rebuild-" + generation.ToString(CultureInfo.InvariantCulture);
}
