using Azure;
using SagaFunctions.App.Customers;
using SagaFunctions.App.Ordering;
using SagaFunctions.App.ReadSide;
using SagaFunctions.Domain;
using SagaFunctions.Domain.Customers;
using SagaFunctions.Domain.Ordering;
using SagaFunctions.Domain.Saga;
using SagaFunctions.EventStore;

namespace SagaFunctions.App.Tests.ReadSide;

/// <summary>What a projection makes of a view's fold: rows with their key and checkpoint. Pure: no storage.</summary>
public sealed class ViewProjectionFoldTests
{
    private static readonly DateTimeOffset At = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_new_streams_row_is_keyed_by_its_id_in_a_bucket_and_checkpointed_at_its_last_event()
    {
        var stream = StreamNames.Customer("ada");

        var row = CustomerViewProjection.Projection.Fold(null, [Recorded(stream, 1, new CustomerRegistered("ada", "Ada", 100m)), Recorded(stream, 2, new CreditReserved("o-1", 40m))]);

        Assert.Equal("ada", row.Key.RowKey);
        Assert.Matches("^customer-[0-9a-f]{2}$", row.Key.PartitionKey);
        Assert.Equal(CustomerViewProjection.Projection.KeyOf(stream), row.Key);
        Assert.Equal((2L, At.AddSeconds(2), default(ETag)), (row.Version, row.LastEventAt, row.ETag));
        Assert.Equal(new CustomerView("ada", "Ada", 100m, 60m), row.View);
    }

    [Fact]
    public void A_stored_row_folds_on_from_its_view_and_keeps_its_key_and_etag()
    {
        var stream = StreamNames.Customer("ada");
        var stored = new ViewRow(new ViewKey("customer-0f", "ada"), new CustomerView("ada", "Ada", 100m, 60m), 2, At, new ETag("W/\"1\""));

        var row = CustomerViewProjection.Projection.Fold(stored, [Recorded(stream, 3, new CreditReleased("o-1", 40m))]);

        Assert.Equal(stored with { View = new CustomerView("ada", "Ada", 100m, 100m), Version = 3, LastEventAt = At.AddSeconds(3) }, row);
    }

    [Fact]
    public void The_order_row_derives_its_customers_history_entry_with_the_same_checkpoint()
    {
        var stream = StreamNames.Order("o-1");
        var placed = new OrderPlaced("o-1", "c-1", [new OrderLine("sku-1", 1, 5m)], 5m, "tok_visa", SagaStyles.Orchestration, At);
        var row = OrderViewProjection.Projection.Fold(null, [Recorded(stream, 1, placed), Recorded(stream, 2, new OrderApproved("o-1"))]);

        var derived = Assert.Single(OrderViewProjection.Projection.Derive(row));

        Assert.Equal(new ViewKey("history-c-1", "o-1"), derived.Key);
        Assert.Equal(new OrderHistoryEntry("o-1", "APPROVED", 5m, null, At), derived.View);
        Assert.Equal((row.Version, row.LastEventAt), (derived.Version, derived.LastEventAt));
        Assert.Empty(CustomerViewProjection.Projection.Derive(CustomerViewProjection.Projection.Fold(null, [Recorded(StreamNames.Customer("c-1"), 1, new CustomerRegistered("c-1", "C", 1m))])));
    }

    [Fact]
    public void Each_projection_is_fed_by_its_own_kind_of_stream()
    {
        Assert.True(OrderViewProjection.Projection.IsFedBy(StreamNames.Order("o-1")));
        Assert.False(OrderViewProjection.Projection.IsFedBy(StreamNames.Customer("o-1")));
        Assert.False(CustomerViewProjection.Projection.IsFedBy(StreamNames.Payment("o-1")));
    }

    private static RecordedEvent Recorded(string streamId, long version, object data) =>
        new(streamId, version, $"{streamId}:{version}", data.GetType().Name, data, At.AddSeconds(version), null, null);
}
