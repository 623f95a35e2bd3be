using SagaFunctions.Domain;
using SagaFunctions.EventStore;

namespace SagaFunctions.App.Infrastructure;

/// <summary>What a command did: the state after it, and the domain's result.</summary>
public sealed record CommandOutcome<TState>(AggregateState<TState> State, CommandResult Result)
    where TState : notnull;

/// <summary>
/// Runs a command against one aggregate as its own local transaction: load, decide, append with
/// the loaded version as expected version. A concurrent writer makes the append conflict; the
/// command then runs again on the fresh state (the domain's decisions are idempotent, so a
/// command whose effect is already there appends nothing).
/// </summary>
public sealed class AggregateRepository<TState>(TableEventStore store, AggregateDefinition<TState> definition, IAppendNotifier notifier, StreamLocks locks)
    where TState : notnull
{
    private const int MaxConflictRetries = 50;
    private readonly AggregateStore<TState> _aggregates = new(store, definition);

    public TableEventStore Store => store;

    public Task<AggregateState<TState>> LoadAsync(string streamId, CancellationToken cancellationToken = default) =>
        _aggregates.LoadAsync(streamId, cancellationToken);

    public Task<AggregateState<TState>> LoadAsOfVersionAsync(string streamId, long version, CancellationToken cancellationToken = default) =>
        _aggregates.LoadAsOfVersionAsync(streamId, version, cancellationToken);

    public Task<AggregateState<TState>> LoadAsOfAsync(string streamId, DateTimeOffset asOf, CancellationToken cancellationToken = default) =>
        _aggregates.LoadAsOfAsync(streamId, asOf, cancellationToken);

    /// <param name="eventId">The id of the n-th new event: deterministic (e.g. <c>{orderId}:{step}</c>) so a retried command appends nothing twice.</param>
    public async Task<CommandOutcome<TState>> ExecuteAsync(
        string streamId,
        Func<TState, CommandResult> decide,
        Func<int, string> eventId,
        EventMetadata? metadata = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(decide);
        ArgumentNullException.ThrowIfNull(eventId);
        using var turn = await locks.AcquireAsync(streamId, cancellationToken);
        for (var attempt = 0; ; attempt++)
        {
            var current = await _aggregates.LoadAsync(streamId, cancellationToken);
            var result = decide(current.State);
            if (!result.Succeeded || result.Events.Count == 0)
            {
                return new CommandOutcome<TState>(current, result);
            }

            var events = result.Events.Select((e, i) => new NewEvent(eventId(i), e, metadata)).ToList();
            try
            {
                var next = await _aggregates.AppendAsync(streamId, current, events, cancellationToken);
                await notifier.NotifyAsync(store.TableName, streamId, next.Version, cancellationToken);
                return new CommandOutcome<TState>(next, result);
            }
            catch (WrongExpectedVersionException) when (attempt < MaxConflictRetries)
            {
                // A writer in another process got there first: decide again on what it wrote,
                // after a short random pause so competing processes do not collide in step.
                await Task.Delay(Random.Shared.Next(5, 20 + (attempt * 10)), cancellationToken);
            }
        }
    }
}
