using SagaFunctions.Domain;
using SagaFunctions.App.ReadSide;
using SagaFunctions.App.Platform.Storage;

namespace SagaFunctions.App.Customers;

/// <summary>The customer view's rows: CustomerViews, one per customer stream (partition <c>customer-{bucket}</c>, row = customer id).</summary>
public static class CustomerViewProjection
{
    public static ViewProjection<CustomerView> Projection { get; } = new()
    {
        Name = "customers",
        EventTable = ContextTables.CustomerEvents,
        ViewTable = ContextTables.CustomerViews,
        StreamPrefix = StreamNames.CustomerPrefix,
        Create = CustomerView.Create,
        Apply = (view, next) => view.Apply(next),
    };
}
