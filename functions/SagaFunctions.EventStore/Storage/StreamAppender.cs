using Azure;
using Azure.Data.Tables;

namespace SagaFunctions.EventStore.Storage;

/// <summary>
/// Appends prepared events to a stream partition. First the projection marker announces the version
/// the append will reach (<see cref="MarkerRows"/>): it lives in another partition, so it cannot join
/// the transaction, and written first it can never be missing for an append that committed. Then each
/// transaction inserts the event rows and their idempotency rows and updates the head (If-Match its
/// ETag, or insert for a new stream), so it commits or rolls back whole. A rejected transaction is told
/// apart as a retry of an earlier append (idempotency rows with the same hash), a reused event id, or a
/// real version conflict.
/// </summary>
internal sealed class StreamAppender
{
    /// <summary>Expected version Any races only with the head ETag; give up after this many lost races.</summary>
    private const int MaxHeadRaces = 20;

    /// <summary>Idempotency rows are point reads; this many at a time on the (rare) conflict path.</summary>
    private const int ParallelIdReads = 16;

    private readonly TableClient _table;
    private readonly StreamHeadCache _heads;
    private readonly MarkerRows _markers;
    private readonly TimeProvider _time;

    public StreamAppender(TableClient table, StreamHeadCache heads, MarkerRows markers, TimeProvider time)
    {
        _table = table;
        _heads = heads;
        _markers = markers;
        _time = time;
    }

    public async Task<AppendResult> AppendAsync(string streamId, ExpectedVersion expected, PreparedEvent[] events, CancellationToken cancellationToken)
    {
        var head = await StartingHeadAsync(streamId, expected, cancellationToken).ConfigureAwait(false);
        for (var attempt = 0; ; attempt++)
        {
            if (expected.IsSatisfiedBy(head.Version))
            {
                var written = await TryWriteAsync(streamId, head, events, cancellationToken).ConfigureAwait(false);
                if (written is not null)
                {
                    return written;
                }

                // Rejected before anything was written: the head moved, or an event id is already stored.
                _heads.Forget(streamId);
                head = await ReadHeadAsync(streamId, cancellationToken).ConfigureAwait(false);
            }

            var resolved = await ResolveConflictAsync(streamId, expected, events, head, cancellationToken).ConfigureAwait(false);
            if (resolved is not null)
            {
                return resolved;
            }

            if (!expected.IsSatisfiedBy(head.Version) || attempt >= MaxHeadRaces)
            {
                throw new WrongExpectedVersionException(streamId, expected, head.Version);
            }
        }
    }

    public async Task<StreamHead> ReadHeadAsync(string streamId, CancellationToken cancellationToken)
    {
        var response = await _table.GetEntityIfExistsAsync<TableEntity>(
            streamId, TableLayout.HeadRowKey, [TableLayout.Version], cancellationToken).ConfigureAwait(false);
        if (!response.HasValue || response.Value is null)
        {
            return StreamHead.None;
        }

        var head = new StreamHead(response.Value.GetInt64(TableLayout.Version) ?? 0, response.Value.ETag);
        _heads.Set(streamId, head);
        return head;
    }

    /// <summary>
    /// A cached head is used when it matches what the caller expects (the If-Match still guards it);
    /// a new stream needs no read at all (the head insert fails if it exists).
    /// </summary>
    private async Task<StreamHead> StartingHeadAsync(string streamId, ExpectedVersion expected, CancellationToken cancellationToken)
    {
        if (expected.Kind == ExpectedVersionKind.NoStream)
        {
            return StreamHead.None;
        }

        if (_heads.TryGet(streamId, out var cached) && expected.IsSatisfiedBy(cached.Version))
        {
            return cached;
        }

        return await ReadHeadAsync(streamId, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Writes all events; null when the first transaction was rejected (nothing written).</summary>
    private async Task<AppendResult?> TryWriteAsync(string streamId, StreamHead head, PreparedEvent[] events, CancellationToken cancellationToken)
    {
        var firstVersion = head.Version + 1;
        var committed = 0;
        var marker = await _markers.AnnounceAsync(streamId, head.Version + events.Length, _time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        foreach (var batch in TransactionPlanner.Plan(events))
        {
            try
            {
                head = await CommitAsync(streamId, head, batch, cancellationToken).ConfigureAwait(false);
                committed += batch.Count;
            }
            catch (RequestFailedException ex) when (committed == 0 && ex.Status is 409 or 412)
            {
                return null;
            }
            catch (Exception ex) when (committed > 0)
            {
                _heads.Forget(streamId);
                throw new PartialAppendException(streamId, firstVersion, head.Version, committed, ex);
            }
        }

        var recorded = events.Select((e, i) => e.ToRecorded(streamId, firstVersion + i)).ToArray();
        return new AppendResult(streamId, firstVersion, head.Version, AlreadyAppended: false, marker, recorded);
    }

    private async Task<StreamHead> CommitAsync(string streamId, StreamHead head, ArraySegment<PreparedEvent> batch, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var newVersion = head.Version + batch.Count;
        var headRow = new TableEntity(streamId, TableLayout.HeadRowKey) { [TableLayout.Version] = newVersion, [TableLayout.AppendedAt] = now };

        // The head goes first: its action index (0) identifies a head conflict in a rejected transaction.
        var actions = new List<TableTransactionAction>(1 + (batch.Count * 2))
        {
            head.ETag is { } etag
                ? new TableTransactionAction(TableTransactionActionType.UpdateReplace, headRow, etag)
                : new TableTransactionAction(TableTransactionActionType.Add, headRow),
        };
        var version = head.Version;
        foreach (var prepared in batch)
        {
            version++;
            actions.Add(new TableTransactionAction(TableTransactionActionType.Add, prepared.ToEventEntity(streamId, version)));
            actions.Add(new TableTransactionAction(TableTransactionActionType.Add, prepared.ToIdEntity(streamId, version)));
        }

        var response = await _table.SubmitTransactionAsync(actions, cancellationToken).ConfigureAwait(false);
        var newHead = response.Value.Count > 0 && response.Value[0].Headers.ETag is { } newEtag
            ? new StreamHead(newVersion, newEtag)
            : await ReadHeadAsync(streamId, cancellationToken).ConfigureAwait(false);
        if (newHead.Version != newVersion)
        {
            throw new InvalidOperationException($"Stream '{streamId}' head moved to {newHead.Version} right after this append committed {newVersion}.");
        }

        _heads.Set(streamId, newHead);
        return newHead;
    }

    /// <summary>
    /// After a rejection: if the events are already stored with the same data, this is a retry (return
    /// the original versions, or resume an append that stopped part-way); if an id is stored with other
    /// data, the caller reused it; if none is stored, null (a real version conflict).
    /// </summary>
    private async Task<AppendResult?> ResolveConflictAsync(string streamId, ExpectedVersion expected, PreparedEvent[] events, StreamHead head, CancellationToken cancellationToken)
    {
        var stored = await ReadIdRowsAsync(streamId, events, cancellationToken).ConfigureAwait(false);
        var storedCount = 0;
        for (var i = 0; i < events.Length; i++)
        {
            if (stored[i] is not { } row)
            {
                continue;
            }

            if (row.Hash != events[i].Hash)
            {
                throw new EventIdConflictException(streamId, events[i].EventId, $"stored at version {row.Version} with different data or type.");
            }

            if (i != storedCount || (i > 0 && row.Version != stored[i - 1]!.Version + 1))
            {
                throw new EventIdConflictException(streamId, events[i].EventId, "the append's events are stored only in part and not as its leading events in order.");
            }

            storedCount++;
        }

        if (storedCount == 0)
        {
            return null;
        }

        var firstVersion = stored[0]!.Version;
        var lastStored = stored[storedCount - 1]!.Version;
        if (storedCount == events.Length)
        {
            return new AppendResult(streamId, firstVersion, lastStored, AlreadyAppended: true);
        }

        // An earlier attempt committed a leading part of a split append: write the rest after it.
        if (head.Version != lastStored)
        {
            throw new WrongExpectedVersionException(streamId, expected, head.Version);
        }

        var rest = await TryWriteAsync(streamId, head, events[storedCount..], cancellationToken).ConfigureAwait(false)
            ?? throw new WrongExpectedVersionException(streamId, expected, head.Version);
        // Only the rest's events are at hand: report none rather than part of the append.
        return rest with { FirstVersion = firstVersion, Events = null };
    }

    private async Task<StoredIdRow?[]> ReadIdRowsAsync(string streamId, PreparedEvent[] events, CancellationToken cancellationToken)
    {
        var rows = new StoredIdRow?[events.Length];
        await Parallel.ForAsync(0, events.Length, new ParallelOptions { MaxDegreeOfParallelism = ParallelIdReads, CancellationToken = cancellationToken }, async (i, ct) =>
        {
            var response = await _table.GetEntityIfExistsAsync<TableEntity>(
                streamId, TableLayout.IdRowKey(events[i].EventId), [TableLayout.Version, TableLayout.DataHash], ct).ConfigureAwait(false);
            if (response.HasValue && response.Value is { } entity)
            {
                rows[i] = new StoredIdRow(entity.GetInt64(TableLayout.Version) ?? 0, entity.GetString(TableLayout.DataHash) ?? string.Empty);
            }
        }).ConfigureAwait(false);
        return rows;
    }
}
