namespace SagaFunctions.App.Infrastructure;

/// <summary>
/// Told after every committed append, so the projection function can pick the new events up.
/// Losing a notification loses nothing: the append left a marker in its own transaction and
/// the sweep finds it.
/// </summary>
public interface IAppendNotifier
{
    Task NotifyAsync(string tableName, string streamId, long version, CancellationToken cancellationToken);
}
