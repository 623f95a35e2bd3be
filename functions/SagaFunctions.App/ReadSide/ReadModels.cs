namespace SagaFunctions.App.ReadSide;

/// <summary>
/// Reads the read models of the current generation (one pointer read, then a point read or one
/// partition query). Never folds a stream.
/// </summary>
public sealed class ReadModels(ReadModelGenerations generations, ViewStore views)
{
    /// <summary>The view of <paramref name="streamId"/> and the stream version it shows; null when there is none.</summary>
    public async Task<(TView View, long Version)?> GetAsync<TView>(ViewProjection<TView> projection, string streamId, CancellationToken cancellationToken)
        where TView : class
    {
        ArgumentNullException.ThrowIfNull(projection);
        var row = await views.ReadAsync(projection.ViewTable, await CurrentAsync(cancellationToken), projection.KeyOf(streamId), typeof(TView), cancellationToken);
        return row is null ? null : ((TView)row.View, row.Version);
    }

    /// <summary>Every view in one partition of a views table.</summary>
    public async Task<IReadOnlyList<TView>> ListAsync<TView>(string viewTable, string partitionKey, CancellationToken cancellationToken) =>
        await views.ReadPartitionAsync(viewTable, await CurrentAsync(cancellationToken), partitionKey, typeof(TView), cancellationToken)
            .Select(row => (TView)row.View)
            .ToListAsync(cancellationToken);

    private async Task<int> CurrentAsync(CancellationToken cancellationToken) => (await generations.GetCachedAsync(cancellationToken)).Current;
}
