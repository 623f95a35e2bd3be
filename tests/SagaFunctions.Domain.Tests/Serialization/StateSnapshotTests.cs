using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using SagaFunctions.Domain.Customers;
using SagaFunctions.Domain.Inventory;
using SagaFunctions.Domain.Ordering;
using SagaFunctions.Domain.Payments;
using SagaFunctions.Domain.Serialization;
using static SagaFunctions.Domain.Tests.TestData;

namespace SagaFunctions.Domain.Tests.Serialization;

public class StateSnapshotTests
{
    [Fact]
    public void CustomerState_snapshot_round_trips_and_keeps_working()
    {
        var state = CustomerState.Fold(
        [
            Registered(100m), new CreditReserved("b", 10m), new CreditReserved("a", 5m), new CreditReserved("c", 1m),
            new CreditReleased("c", 1m),
        ]);

        var json = JsonSerializer.Serialize(state, DomainJsonContext.Default.CustomerState);
        var back = JsonSerializer.Deserialize(json, DomainJsonContext.Default.CustomerState)!;

        Assert.Equal(state, back);
        Assert.Equal(85m, back.AvailableCredit);
        Assert.DoesNotContain("availableCredit", json, StringComparison.Ordinal);
        back.ReserveCredit("a", 5m).ThenNoChange();
        back.ReserveCredit("c", 1m).ThenNoChange();
        back.ReleaseCredit("b").ThenEmits(new CreditReleased("b", 10m));
    }

    [Fact]
    public void ProductState_snapshot_round_trips()
    {
        var state = ProductState.Fold([Added(stock: 10), new StockReserved(OrderId, 3), new StockReserved("x", 1), new StockReleased("x", 1)]);

        var json = JsonSerializer.Serialize(state, DomainJsonContext.Default.ProductState);
        var back = JsonSerializer.Deserialize(json, DomainJsonContext.Default.ProductState)!;

        Assert.Equal(state, back);
        Assert.Equal(7, back.Available);
    }

    [Fact]
    public void PaymentState_snapshot_round_trips_with_the_outcome_as_a_string()
    {
        var state = PaymentState.Fold([new PaymentCaptured(OrderId, 9.99m, PaymentTokens.Visa)]);

        var json = JsonSerializer.Serialize(state, DomainJsonContext.Default.PaymentState);
        var back = JsonSerializer.Deserialize(json, DomainJsonContext.Default.PaymentState)!;

        Assert.Equal(state, back);
        Assert.Contains("\"outcome\":\"Captured\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public void OrderState_snapshot_round_trips()
    {
        var state = OrderState.Fold([Placed(), new OrderRejected(OrderId, FailureReasons.OutOfStock)]);

        var json = JsonSerializer.Serialize(state, DomainJsonContext.Default.OrderState);
        var back = JsonSerializer.Deserialize(json, DomainJsonContext.Default.OrderState)!;

        Assert.Equal(state, back);
        Assert.Contains("\"status\":\"REJECTED\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Empty_states_round_trip()
    {
        Assert.Equal(CustomerState.Empty, RoundTrip(CustomerState.Empty));
        Assert.Equal(ProductState.Empty, RoundTrip(ProductState.Empty));
        Assert.Equal(PaymentState.Empty, RoundTrip(PaymentState.Empty));
        Assert.Equal(OrderState.Empty, RoundTrip(OrderState.Empty));
    }

    private static T RoundTrip<T>(T value)
    {
        var info = (JsonTypeInfo<T>)DomainJson.GetTypeInfo(typeof(T));
        return JsonSerializer.Deserialize(JsonSerializer.Serialize(value, info), info)!;
    }
}
