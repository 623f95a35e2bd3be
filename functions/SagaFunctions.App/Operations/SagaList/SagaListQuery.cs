using System.Text;
using Azure.Data.Tables;
using SagaFunctions.App.ReadSide;

namespace SagaFunctions.App.Operations.SagaList;

/// <summary>A page of the saga list: its filter's matches newest first, counts per status, where the next page starts.</summary>
public sealed record SagaListPage(
    IReadOnlyList<SagaListEntry> Items,
    IReadOnlyDictionary<string, int> Counts,
    bool CountsTruncated,
    string? Continuation,
    DateTimeOffset From,
    DateTimeOffset To);

/// <summary>What the list is filtered by: statuses (any of), style, customer, creation time range.</summary>
public sealed record SagaListFilter(IReadOnlySet<string> Statuses, string? Style, string? CustomerId, DateTimeOffset From, DateTimeOffset To)
{
    public bool Matches(SagaListEntry entry, bool byStatus = true)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return entry.CreatedAt >= From && entry.CreatedAt <= To
            && (Style is null || entry.Style == Style)
            && (CustomerId is null || entry.CustomerId == CustomerId)
            && (!byStatus || Statuses.Count == 0 || Statuses.Contains(entry.Status));
    }
}

/// <summary>
/// Reads the saga list (<see cref="SagaListProjection"/>) of the current generation: one range query
/// over the day partitions of the filter's range, newest first, resumed after the last row a page
/// looked at (the continuation token). A page reads at most <see cref="MaxScanned"/> rows, so a rare
/// filter answers a short page with a token rather than a slow one. The counts read the range once
/// more, up to <see cref="MaxCounted"/> rows (then flagged truncated).
/// </summary>
public sealed class SagaListQuery(ReadModelGenerations generations, ViewTables tables)
{
    public const int MaxScanned = 2_000;
    public const int MaxCounted = 20_000;

    public async Task<SagaListPage> ReadAsync(SagaListFilter filter, int pageSize, string? continuation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var table = await tables.GetAsync(SagaListProjection.Table, (await generations.GetCachedAsync(cancellationToken)).Current);
        var items = new List<SagaListEntry>();
        ViewKey? last = null;
        var scanned = 0;
        var exhausted = true;
        await foreach (var row in RangeAsync(table, filter, DecodeContinuation(continuation), cancellationToken))
        {
            if (items.Count == pageSize || scanned == MaxScanned)
            {
                exhausted = false;
                break;
            }

            scanned++;
            last = row.Key;
            var entry = (SagaListEntry)row.View;
            if (filter.Matches(entry))
            {
                items.Add(entry);
            }
        }

        var (counts, truncated) = await CountAsync(table, filter, cancellationToken);
        return new SagaListPage(items, counts, truncated, exhausted || last is null ? null : EncodeContinuation(last.Value), filter.From, filter.To);
    }

    private static async Task<(IReadOnlyDictionary<string, int>, bool)> CountAsync(TableClient table, SagaListFilter filter, CancellationToken cancellationToken)
    {
        var counts = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var counted = 0;
        await foreach (var row in RangeAsync(table, filter, null, cancellationToken))
        {
            if (++counted > MaxCounted)
            {
                return (counts, true);
            }

            var entry = (SagaListEntry)row.View;
            if (filter.Matches(entry, byStatus: false))
            {
                counts[entry.Status] = counts.GetValueOrDefault(entry.Status) + 1;
            }
        }

        return (counts, false);
    }

    /// <summary>The list rows of the range's days, newest first, after <paramref name="after"/>.</summary>
    private static IAsyncEnumerable<ViewRow> RangeAsync(TableClient table, SagaListFilter filter, ViewKey? after, CancellationToken cancellationToken)
    {
        var newest = SagaListProjection.DayPartition(filter.To);
        var oldest = SagaListProjection.DayPartition(filter.From);
        var query = after is { } key
            ? TableClient.CreateQueryFilter($"PartitionKey le {oldest} and ((PartitionKey eq {key.PartitionKey} and RowKey gt {key.RowKey}) or (PartitionKey gt {key.PartitionKey}))")
            : TableClient.CreateQueryFilter($"PartitionKey ge {newest} and PartitionKey le {oldest}");
        return table.QueryAsync<TableEntity>(query, maxPerPage: 1000, cancellationToken: cancellationToken)
            .Select(entity => ViewStore.FromEntity(entity, typeof(SagaListEntry)));
    }

    private static string EncodeContinuation(ViewKey key) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(key.PartitionKey + "|" + key.RowKey));

    /// <exception cref="FormatException">Not a token this query gave.</exception>
    public static ViewKey? DecodeContinuation(string? token)
    {
        if (string.IsNullOrEmpty(token))
        {
            return null;
        }

        var parts = Encoding.UTF8.GetString(Convert.FromBase64String(token)).Split('|');
        return parts.Length == 2 && parts[0].StartsWith(SagaListProjection.DayPrefix, StringComparison.Ordinal)
            ? new ViewKey(parts[0], parts[1])
            : throw new FormatException("Not a continuation token of the saga list.");
    }
}
