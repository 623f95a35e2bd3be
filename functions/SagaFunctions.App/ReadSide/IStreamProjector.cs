using SagaFunctions.EventStore;

namespace SagaFunctions.App.ReadSide;

/// <summary>
/// Projects one stream into every view it feeds and publishes its integration events: the plain
/// <see cref="CatchUpProjector"/>, or with InProcessShortcuts:Enabled the same with this process's
/// shortcuts (<see cref="SpeedUps.ShortcutProjector"/>).
/// </summary>
public interface IStreamProjector
{
    /// <summary>The pass a notification asks for: the stream projected up to at least its version, then the append's marker cleared.</summary>
    Task ProjectNotifiedAsync(AppendNotification notification, CancellationToken cancellationToken);

    /// <summary>A pass that reads everything fresh and clears <paramref name="marker"/> (null: the stream's marker, read here).</summary>
    /// <param name="eventTable">The event table as named in storage (with the table prefix).</param>
    /// <returns>The version up to which the views and the publish checkpoints are now done.</returns>
    Task<long> ProjectAsync(string eventTable, string streamId, ProjectionMarker? marker, CancellationToken cancellationToken);
}
