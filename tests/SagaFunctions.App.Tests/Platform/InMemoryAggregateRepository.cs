using System.Runtime.CompilerServices;
using SagaFunctions.App.Platform.Storage;
using SagaFunctions.Domain;
using SagaFunctions.Domain.Serialization;
using SagaFunctions.EventStore;

namespace SagaFunctions.App.Tests.Platform;

/// <summary>
/// Streams in memory, for fast tests of the application services: the repository's contract
/// (versions, a decision on the current state, an event id stored once) without storage. Not a
/// stand-in for the stores in integration tests: those run on Azurite.
/// </summary>
public sealed class InMemoryAggregateRepository<TState>(AggregateDefinition<TState> definition, TimeProvider? time = null) : IAggregateRepository<TState>
    where TState : notnull
{
    private readonly Dictionary<string, List<RecordedEvent>> _streams = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    /// <summary>The stream's events as stored.</summary>
    public IReadOnlyList<RecordedEvent> Events(string streamId)
    {
        lock (_gate)
        {
            return _streams.TryGetValue(streamId, out var events) ? [.. events] : [];
        }
    }

    public Task<AggregateState<TState>> LoadAsync(string streamId, CancellationToken cancellationToken = default) =>
        Task.FromResult(Fold(Events(streamId)));

    public Task<AggregateState<TState>> LoadAsOfVersionAsync(string streamId, long version, CancellationToken cancellationToken = default) =>
        Task.FromResult(Fold(Events(streamId).Where(e => e.Version <= version)));

    public Task<AggregateState<TState>> LoadAsOfAsync(string streamId, DateTimeOffset asOf, CancellationToken cancellationToken = default) =>
        Task.FromResult(Fold(Events(streamId).Where(e => e.Timestamp <= asOf)));

    public Task<long> GetVersionAsync(string streamId, CancellationToken cancellationToken = default) =>
        Task.FromResult((long)Events(streamId).Count);

    public async IAsyncEnumerable<RecordedEvent> ReadAsync(string streamId, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await Task.Yield();
        foreach (var recorded in Events(streamId))
        {
            yield return recorded;
        }
    }

    public Task<CommandOutcome<TState>> ExecuteAsync(string streamId, Func<TState, CommandResult> decide, string eventId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(decide);
        lock (_gate)
        {
            var stream = _streams.TryGetValue(streamId, out var events) ? events : _streams[streamId] = [];
            var state = Fold(stream);
            var result = decide(state.State);
            if (!result.Succeeded || result.Events.Count == 0)
            {
                return Task.FromResult(new CommandOutcome<TState>(state, result));
            }

            for (var i = 0; i < result.Events.Count; i++)
            {
                var id = i == 0 ? eventId : $"{eventId}:{i}";
                if (stream.Any(e => e.EventId == id))
                {
                    // The table store refuses an id stored with other data; a decision on the current state never repeats one.
                    throw new EventIdConflictException(streamId, id, "already stored");
                }

                var data = result.Events[i];
                stream.Add(new RecordedEvent(streamId, stream.Count + 1, id, NameOf(data), data, (time ?? TimeProvider.System).GetUtcNow(), null, null));
            }

            return Task.FromResult(new CommandOutcome<TState>(Fold(stream), result));
        }
    }

    public Task<CommandOutcome<TState>> ExecuteOnNewStreamAsync(string streamId, Func<TState, CommandResult> decide, string eventId, CancellationToken cancellationToken = default) =>
        ExecuteAsync(streamId, decide, eventId, cancellationToken);

    private AggregateState<TState> Fold(IEnumerable<RecordedEvent> events)
    {
        var state = definition.Initial;
        long version = 0;
        foreach (var recorded in events)
        {
            state = definition.Fold(state, recorded.Data);
            version = recorded.Version;
        }

        return new AggregateState<TState>(state, version, 0);
    }

    private static string NameOf(IDomainEvent data) => DomainEventTypes.All.Single(t => t.TypeInfo.Type == data.GetType()).Name;
}
