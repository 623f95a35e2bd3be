using System.Runtime.CompilerServices;
using SagaFunctions.Domain;
using SagaFunctions.EventStore;
using SagaFunctions.App.Platform.Shortcuts;
using SagaFunctions.App.Platform.Telemetry;

namespace SagaFunctions.App.Platform.Storage;

/// <summary>
/// Runs a command against one aggregate as its own local transaction: load, decide, append with
/// the loaded version as expected version. A concurrent writer makes the append conflict; the
/// command then runs again on the fresh state (the domain's decisions are idempotent, so a
/// command whose effect is already there appends nothing).
/// Writers of a stream in this process take turns (<see cref="KeyedTurns"/>) and start from the
/// state the previous one wrote (a bounded cache: past 10,000 streams it starts over): a hot stream costs one
/// round trip per command instead of three. A decision that appends nothing cannot be checked by
/// the append, so a refusal or a no-op decided on the cached state is decided again on a fresh load.
/// </summary>
public sealed class AggregateRepository<TState>(TableEventStore store, AggregateDefinition<TState> definition, IAppendNotifier notifier, KeyedTurns locks, InProcessShortcuts shortcuts)
    : IAggregateRepository<TState>
    where TState : notnull
{
    private const int MaxConflictRetries = 50;
    private readonly AggregateStore<TState> _aggregates = new(store, definition);
    // Only ever a guess: an append from it still expects the cached version, so a writer in
    // another process makes it conflict and the command reloads.
    private readonly BoundedCache<AggregateState<TState>> _cache = new(10_000, shortcuts);
    // A fresh storage account has no tables: the first use of the store in this process creates its table.
    private readonly Lazy<Task> _created = new(() => store.CreateTableIfNotExistsAsync());

    public async Task<AggregateState<TState>> LoadAsync(string streamId, CancellationToken cancellationToken = default)
    {
        await _created.Value;
        return await _aggregates.LoadAsync(streamId, cancellationToken);
    }

    public async Task<AggregateState<TState>> LoadAsOfVersionAsync(string streamId, long version, CancellationToken cancellationToken = default)
    {
        await _created.Value;
        return await _aggregates.LoadAsOfVersionAsync(streamId, version, cancellationToken);
    }

    public async Task<AggregateState<TState>> LoadAsOfAsync(string streamId, DateTimeOffset asOf, CancellationToken cancellationToken = default)
    {
        await _created.Value;
        return await _aggregates.LoadAsOfAsync(streamId, asOf, cancellationToken);
    }

    public async Task<long> GetVersionAsync(string streamId, CancellationToken cancellationToken = default)
    {
        await _created.Value;
        return await store.GetStreamVersionAsync(streamId, cancellationToken);
    }

    public async IAsyncEnumerable<RecordedEvent> ReadAsync(string streamId, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await _created.Value;
        await foreach (var recorded in store.ReadForwardAsync(streamId, cancellationToken: cancellationToken))
        {
            yield return recorded;
        }
    }

    public Task<CommandOutcome<TState>> ExecuteAsync(string streamId, Func<TState, CommandResult> decide, string eventId, CancellationToken cancellationToken = default) =>
        RunAsync(streamId, newStream: false, decide, eventId, cancellationToken);

    public Task<CommandOutcome<TState>> ExecuteOnNewStreamAsync(string streamId, Func<TState, CommandResult> decide, string eventId, CancellationToken cancellationToken = default) =>
        RunAsync(streamId, newStream: true, decide, eventId, cancellationToken);

    private async Task<CommandOutcome<TState>> RunAsync(
        string streamId,
        bool newStream,
        Func<TState, CommandResult> decide,
        string eventId,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(decide);
        ArgumentNullException.ThrowIfNull(eventId);
        await _created.Value;
        AggregateState<TState> next;
        CommandResult result;
        AppendResult? appended;
        using (await locks.AcquireAsync(streamId, cancellationToken))
        {
            var guess = _cache.TryGet(streamId, out var cached) ? cached
                : newStream ? new AggregateState<TState>(_aggregates.Definition.Initial, 0, 0)
                : null;
            (next, result, appended) = await DecideAndAppendAsync(streamId, guess, decide, eventId, cancellationToken);
        }

        if (appended is not null)
        {
            // Outside the turn: the next writer need not wait for the projection's wake-up call (which is not awaited anyway).
            await notifier.NotifyAsync(store.TableName, appended, cancellationToken);
        }

        return new CommandOutcome<TState>(next, result) { Appended = appended is { AlreadyAppended: false } };
    }

    /// <returns>The state, the decision, and the append (null when the decision appended nothing).</returns>
    private async Task<(AggregateState<TState> State, CommandResult Result, AppendResult? Append)> DecideAndAppendAsync(
        string streamId, AggregateState<TState>? guess, Func<TState, CommandResult> decide, string eventId, CancellationToken cancellationToken)
    {
        var current = guess; // null: read the stream
        for (var attempt = 0; ; attempt++)
        {
            // A guess (cached or empty) is checked only by the append; a fresh load is the truth.
            var guessed = current is not null;
            if (current is null)
            {
                current = await _aggregates.LoadAsync(streamId, cancellationToken);
                _cache.Set(streamId, current);
            }

            var result = decide(current.State);
            if (!result.Succeeded || result.Events.Count == 0)
            {
                if (guessed)
                {
                    current = null;
                    continue;
                }

                return (current, result, null);
            }

            // The trace context goes with the events: whatever reads them later (a projection pass, an
            // integration event's consumer, a cancel) can join the trace of the work that wrote them.
            var metadata = SagaTelemetry.CurrentTraceParent is { } traceParent ? new EventMetadata(CorrelationId: traceParent) : null;
            var events = result.Events.Select((e, i) => new NewEvent(i == 0 ? eventId : $"{eventId}:{i}", e, metadata)).ToList();
            try
            {
                var (next, appended) = await _aggregates.AppendReportingAsync(streamId, current, events, cancellationToken);
                _cache.Set(streamId, next);
                return (next, result, appended);
            }
            catch (Exception e) when ((e is WrongExpectedVersionException or EventIdConflictException) && attempt < MaxConflictRetries)
            {
                // A version conflict, or the event id already stored with other data: another attempt of
                // this command (a retried request on another instance, with its own clock) got there
                // first. Decide again on what it wrote: the domain tells a repeat (no change) from a
                // different command under the same id (a refusal).
                _cache.Forget(streamId);
                if (!guessed)
                {
                    // A writer in another process got there first: decide again on what it wrote,
                    // after a short random pause so competing processes do not collide in step.
                    await Task.Delay(Random.Shared.Next(5, 20 + (attempt * 10)), cancellationToken);
                }

                current = null;
            }
            catch
            {
                _cache.Forget(streamId);
                throw;
            }
        }
    }
}
