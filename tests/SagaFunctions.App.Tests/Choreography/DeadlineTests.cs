using Azure.Data.Tables;
using SagaFunctions.App.Choreography;
using SagaFunctions.App.Tests.Hosting;
using SagaFunctions.Domain;
using SagaFunctions.App.Platform.Storage;
using SagaFunctions.Testing;

namespace SagaFunctions.App.Tests.Choreography;

/// <summary>
/// The choreography's timer: a row per pending order in the partition of the minute it was placed,
/// so writes spread over partitions as time goes on and whoever settles the order finds its row
/// from the order itself.
/// </summary>
[Collection(AppHostCollectionDefinition.Name)]
public sealed class DeadlineTests(AppHostFixture host)
{
    private readonly SagaDriver _driver = new(host);

    [Fact]
    public async Task A_pending_order_has_its_deadline_in_the_partition_of_its_placement_and_a_final_one_has_none()
    {
        var customer = await _driver.RegisterCustomerAsync(100m);
        var sku = await _driver.AddProductAsync(10m, 5);
        var key = Guid.NewGuid().ToString("N");
        var orderId = SagaDriver.OrderIdFor(customer, key);
        var table = host.Get<SagaStorage>().Table(ChoreographyDeadlines.TableName);

        using (var capture = host.Holds.Hold("CapturePayment", orderId))
        {
            await _driver.PlaceOrderAsync(customer, [(sku, 1)], style: "choreography", key: key);
            await capture.Reached.WaitAsync(TimeSpan.FromSeconds(90));
            var placedAt = (await new AppStreams(host.Host.Services).Orders.LoadAsync(StreamNames.Order(orderId))).State.PlacedAt;
            var partition = ChoreographyDeadlines.PartitionOf(placedAt);
            var row = await table.GetEntityIfExistsAsync<TableEntity>(partition, orderId);

            Assert.StartsWith("p" + placedAt.UtcDateTime.ToString("yyyyMMddHH", System.Globalization.CultureInfo.InvariantCulture), partition, StringComparison.Ordinal);
            Assert.True(row.HasValue, $"no deadline row in {partition}");
        }

        var order = await _driver.WaitForFinalOrderAsync(orderId);
        Assert.Equal("APPROVED", order.Status);
        Assert.False((await table.GetEntityIfExistsAsync<TableEntity>(ChoreographyDeadlines.PartitionOf(order.PlacedAt), orderId)).HasValue);
    }
}
