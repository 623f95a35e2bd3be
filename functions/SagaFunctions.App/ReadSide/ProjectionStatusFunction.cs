using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using SagaFunctions.App.Platform.Queues;
using SagaFunctions.App.Platform.Storage;

namespace SagaFunctions.App.ReadSide;

/// <summary>
/// <c>GET /api/projections</c>: per projection the last applied event time, events applied and lag (from
/// every instance, as stored), pending markers per event table, and the poison queues' depths. All from
/// storage, so any instance answers the same.
/// </summary>
public sealed class ProjectionStatusFunction(
    SagaStorage storage,
    EventStores stores,
    ProjectionCatalog catalog,
    ReadModelGenerations generations,
    ProjectionLagMonitor monitor,
    PoisonQueues poisonQueues,
    TimeProvider time)
{
    [Function(nameof(GetProjections))]
    public async Task<IActionResult> GetProjections(
        [HttpTrigger(AuthorizationLevel.Admin, "get", Route = "projections")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        await stores.EnsureCreatedAsync();
        var now = time.GetUtcNow();
        var backlogs = new List<EventTableBacklog>();
        foreach (var store in stores.All)
        {
            var count = 0;
            DateTimeOffset? oldest = null;
            await foreach (var marker in store.ListPendingMarkersAsync(cancellationToken))
            {
                count++;
                oldest = oldest is null || marker.AppendedAt < oldest ? marker.AppendedAt : oldest;
            }

            backlogs.Add(new EventTableBacklog(store.TableName[storage.TablePrefix.Length..], count, oldest, oldest is { } o ? Math.Max(0, (now - o).TotalSeconds) : 0));
        }

        var activity = await monitor.ReadAsync(cancellationToken);
        var projections = catalog.All.Select(p =>
        {
            var backlog = backlogs.First(b => b.Table == p.EventTable);
            activity.TryGetValue(p.Name, out var seen);
            return new ProjectionLag(p.Name, p.EventTable, p.ViewTable, seen?.LastAppliedEventAt, seen?.LastLag.TotalMilliseconds,
                seen?.EventsApplied ?? 0, backlog.PendingMarkers, backlog.LagSeconds);
        }).ToList();

        return new OkObjectResult(new ProjectionStatus(await generations.GetAsync(cancellationToken), projections, backlogs, await poisonQueues.DepthsAsync(cancellationToken)));
    }
}
