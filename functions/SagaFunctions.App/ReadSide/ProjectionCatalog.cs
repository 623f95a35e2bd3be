using SagaFunctions.App.Customers;
using SagaFunctions.App.Inventory;
using SagaFunctions.App.Operations.SagaList;
using SagaFunctions.App.Ordering;
using SagaFunctions.App.Platform.Storage;

namespace SagaFunctions.App.ReadSide;

/// <summary>Every read model the projection function maintains.</summary>
public sealed class ProjectionCatalog(SagaStorage storage)
{
    public IReadOnlyList<IViewProjection> All { get; } = [OrderViewProjection.Projection, CustomerViewProjection.Projection, ProductViewProjection.Projection, SagaListProjection.Instance];

    /// <summary>The projections that a stream of <paramref name="eventTable"/> (as named in storage, with the table prefix) feeds.</summary>
    public IEnumerable<IViewProjection> For(string eventTable, string streamId) =>
        All.Where(p => storage.TablePrefix + p.EventTable == eventTable && p.IsFedBy(streamId));
}
