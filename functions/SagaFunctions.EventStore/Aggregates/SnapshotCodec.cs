using System.Text.Json;
using SagaFunctions.EventStore.Storage;

namespace SagaFunctions.EventStore.Aggregates;

/// <summary>Turns aggregate states into snapshot rows and back, trusting only snapshots of the current schema.</summary>
internal static class SnapshotCodec
{
    public static StoredSnapshot Encode<TState>(AggregateDefinition<TState> definition, AggregateState<TState> state)
        where TState : notnull =>
        new(definition.Name, definition.SnapshotSchemaVersion, state.Version, JsonSerializer.SerializeToUtf8Bytes(state.State, definition.StateTypeInfo));

    /// <summary>
    /// The state in <paramref name="snapshot"/>, or null when it belongs to another aggregate, another
    /// schema version, or does not parse: an untrusted snapshot means a full fold, never a wrong state.
    /// </summary>
    public static AggregateState<TState>? TryDecode<TState>(AggregateDefinition<TState> definition, StoredSnapshot? snapshot)
        where TState : notnull
    {
        if (snapshot is null
            || snapshot.AggregateName != definition.Name
            || snapshot.SchemaVersion != definition.SnapshotSchemaVersion
            || snapshot.Version <= 0)
        {
            return null;
        }

        try
        {
            var state = JsonSerializer.Deserialize(snapshot.StateJson, definition.StateTypeInfo);
            return state is null ? null : new AggregateState<TState>(state, snapshot.Version, snapshot.Version);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
