using Azure.Data.Tables;
using SagaFunctions.Domain;
using SagaFunctions.Domain.Customers;
using SagaFunctions.EventStore;
using SagaFunctions.App.ReadSide;
using SagaFunctions.App.Platform.Storage;

namespace SagaFunctions.App.Customers;

/// <summary>
/// The customer view (CustomerViews, partition <c>customer-{bucket}</c>, row = customer id).
/// Available credit moves by the amounts in the events; the checkpoint guarantees each applies once.
/// A zero release (the "nothing was reserved" tombstone) changes nothing.
/// </summary>
public sealed class CustomerViewProjection : IViewProjection
{
    public const string CustomerId = "CustomerId";
    public const string CustomerName = "Name";
    public const string CreditLimit = "CreditLimit";
    public const string AvailableCredit = "AvailableCredit";

    public string Name => "customers";

    public string EventTable => ContextTables.CustomerEvents;

    public string ViewTable => ContextTables.CustomerViews;

    public static ViewKey KeyOfCustomer(string customerId) => new(ViewPartitions.For("customer", customerId), customerId);

    public bool IsFedBy(string streamId) => streamId.StartsWith(StreamNames.CustomerPrefix, StringComparison.Ordinal);

    public ViewKey KeyOf(string streamId) => KeyOfCustomer(streamId[StreamNames.CustomerPrefix.Length..]);

    public void Apply(TableEntity row, RecordedEvent recorded)
    {
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(recorded);
        switch (recorded.Data)
        {
            case CustomerRegistered e:
                row[CustomerId] = e.CustomerId;
                row[CustomerName] = e.Name;
                ViewColumns.SetDecimal(row, CreditLimit, e.CreditLimit);
                ViewColumns.SetDecimal(row, AvailableCredit, e.CreditLimit);
                break;
            case CreditReserved e:
                ViewColumns.SetDecimal(row, AvailableCredit, ViewColumns.GetDecimal(row, AvailableCredit) - e.Amount);
                break;
            case CreditReleased e:
                ViewColumns.SetDecimal(row, AvailableCredit, ViewColumns.GetDecimal(row, AvailableCredit) + e.Amount);
                break;
        }
    }

    public IEnumerable<TableEntity> Derive(TableEntity row) => [];
}
