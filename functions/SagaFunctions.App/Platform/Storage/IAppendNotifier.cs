using SagaFunctions.EventStore;

namespace SagaFunctions.App.Platform.Storage;

/// <summary>
/// Told after every committed append, so the projection function can pick the new events up.
/// Losing a notification loses nothing: the append left a marker in its own transaction and
/// the sweep finds it.
/// </summary>
public interface IAppendNotifier
{
    /// <param name="append">The committed append as the store reported it (versions, marker, events).</param>
    Task NotifyAsync(string tableName, AppendResult append, CancellationToken cancellationToken);
}
