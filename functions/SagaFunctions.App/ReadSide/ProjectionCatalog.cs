using SagaFunctions.App.Customers;
using SagaFunctions.App.Inventory;
using SagaFunctions.App.Ordering;
namespace SagaFunctions.App.ReadSide;

/// <summary>Every read model the projection function maintains.</summary>
public sealed class ProjectionCatalog
{
    public IReadOnlyList<IViewProjection> All { get; } = [new OrderViewProjection(), new CustomerViewProjection(), new ProductViewProjection()];

    /// <summary>The projections that a stream of <paramref name="eventTable"/> (unprefixed) feeds.</summary>
    public IEnumerable<IViewProjection> For(string eventTable, string streamId) =>
        All.Where(p => p.EventTable == eventTable && p.IsFedBy(streamId));
}
