using SagaFunctions.EventStore;
using SagaFunctions.App.Platform.Storage;
using SagaFunctions.App.ReadSide;

namespace SagaFunctions.App.Tests.Hosting;

/// <summary>
/// The app's queue notifier, except that appends to streams whose id contains <see cref="LostTag"/>
/// are "lost" (as if the process crashed between commit and enqueue): only the sweep can find them.
/// </summary>
public sealed class DroppingNotifier(QueueAppendNotifier inner) : IAppendNotifier
{
    public const string LostTag = "lost";

    public Task NotifyAsync(string tableName, AppendResult append, CancellationToken cancellationToken) =>
        append.StreamId.Contains(LostTag, StringComparison.Ordinal)
            ? Task.CompletedTask
            : inner.NotifyAsync(tableName, append, cancellationToken);
}
