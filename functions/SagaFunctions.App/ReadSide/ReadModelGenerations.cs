using Azure;
using Azure.Data.Tables;
using SagaFunctions.App.Platform.Storage;

namespace SagaFunctions.App.ReadSide;

/// <summary>
/// The "current generation" pointer: one row in table <c>ReadModelGenerations</c>, written with its
/// ETag so two rebuilds cannot both start or both switch. Projections and queries read it through a
/// cache of <see cref="CacheTtl"/> (it changes twice per rebuild; reading it on every notification
/// would cost a round trip each); the rebuild waits out the cache after starting, so every
/// projection writes the new generation before the rebuild lists the streams.
/// </summary>
public sealed class ReadModelGenerations(SagaStorage storage, TimeProvider time)
{
    public static readonly TimeSpan CacheTtl = TimeSpan.FromSeconds(1);

    private Cached? _cached;
    private Task<GenerationPointer>? _refreshing;
    private readonly Lock _gate = new();

    public const string TableName = "ReadModelGenerations";
    private const string PartitionKey = "generation";
    private const string RowKey = "pointer";
    private const string Current = "Current";
    private const string Building = "Building";

    private readonly TableClient _table = storage.Table(TableName);
    private readonly Lazy<Task> _created = new(() => storage.Table(TableName).CreateIfNotExistsAsync());

    /// <summary>The pointer as stored now (one point read).</summary>
    public async Task<GenerationPointer> GetAsync(CancellationToken cancellationToken = default) =>
        (await ReadAsync(cancellationToken)).Pointer;

    /// <summary>
    /// The pointer, at most <see cref="CacheTtl"/> old. When it is due, one read refreshes it for
    /// every concurrent caller (a busy projection function would otherwise read it once per pass
    /// in flight).
    /// </summary>
    public async Task<GenerationPointer> GetCachedAsync(CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        if (_cached is { } cached && now - cached.ReadAt < CacheTtl)
        {
            return cached.Pointer;
        }

        Task<GenerationPointer> refresh;
        lock (_gate)
        {
            if (_refreshing is null || _refreshing.IsCompleted)
            {
                _refreshing = RefreshAsync(now);
            }

            refresh = _refreshing;
        }

        return await refresh.WaitAsync(cancellationToken);
    }

    private async Task<GenerationPointer> RefreshAsync(DateTimeOffset readAt)
    {
        var pointer = await GetAsync(CancellationToken.None);
        _cached = new Cached(pointer, readAt);
        return pointer;
    }

    /// <summary>
    /// Marks generation Current + 1 as building and returns it; when a rebuild is already under way,
    /// returns that one (a retried rebuild resumes it).
    /// </summary>
    public async Task<GenerationPointer> StartBuildingAsync(CancellationToken cancellationToken = default)
    {
        while (true)
        {
            var (pointer, etag) = await ReadAsync(cancellationToken);
            if (pointer.Building > 0)
            {
                return pointer;
            }

            var next = pointer with { Building = pointer.Current + 1 };
            if (await TryWriteAsync(next, etag, cancellationToken))
            {
                return next;
            }
        }
    }

    /// <summary>Makes <paramref name="generation"/> current, if it is the one being built.</summary>
    public async Task<bool> SwitchToAsync(int generation, CancellationToken cancellationToken = default)
    {
        while (true)
        {
            var (pointer, etag) = await ReadAsync(cancellationToken);
            if (pointer.Building != generation)
            {
                return pointer.Current == generation;
            }

            if (await TryWriteAsync(new GenerationPointer(generation, 0), etag, cancellationToken))
            {
                return true;
            }
        }
    }

    private async Task<(GenerationPointer Pointer, ETag? ETag)> ReadAsync(CancellationToken cancellationToken)
    {
        await _created.Value;
        var row = await _table.GetEntityIfExistsAsync<TableEntity>(PartitionKey, RowKey, cancellationToken: cancellationToken);
        return row.HasValue
            ? (new GenerationPointer(row.Value!.GetInt32(Current) ?? 1, row.Value.GetInt32(Building) ?? 0), row.Value.ETag)
            : (GenerationPointer.Initial, null);
    }

    private async Task<bool> TryWriteAsync(GenerationPointer pointer, ETag? etag, CancellationToken cancellationToken)
    {
        var row = new TableEntity(PartitionKey, RowKey) { [Current] = pointer.Current, [Building] = pointer.Building };
        try
        {
            if (etag is { } match)
            {
                await _table.UpdateEntityAsync(row, match, TableUpdateMode.Replace, cancellationToken);
            }
            else
            {
                await _table.AddEntityAsync(row, cancellationToken);
            }

            return true;
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            return false;
        }
    }

    private sealed record Cached(GenerationPointer Pointer, DateTimeOffset ReadAt);
}
