using System.Reflection;
using System.Text.Json;
using SagaFunctions.Domain.Customers;
using SagaFunctions.Domain.Inventory;
using SagaFunctions.Domain.Ordering;
using SagaFunctions.Domain.Payments;
using SagaFunctions.Domain.Saga;
using SagaFunctions.Domain.Serialization;
using static SagaFunctions.Domain.Tests.TestData;

namespace SagaFunctions.Domain.Tests.Serialization;

public class EventJsonRoundTripTests
{
    /// <summary>One sample of every event with its stable name, pinned: renaming one breaks stored streams.</summary>
    public static TheoryData<string, IDomainEvent> Events => new()
    {
        { "customers.customer-registered.v1", Registered(1_000.5m) },
        { "customers.credit-reserved.v1", new CreditReserved(OrderId, 12.34m) },
        { "customers.credit-released.v1", new CreditReleased(OrderId, 12.34m) },
        { "inventory.product-added.v1", Added(stock: 7, unitPrice: 0.99m) },
        { "inventory.stock-reserved.v1", new StockReserved(OrderId, 3) },
        { "inventory.stock-released.v1", new StockReleased(OrderId, 3) },
        { "payments.payment-captured.v1", new PaymentCaptured(OrderId, 25.25m, PaymentTokens.Visa) },
        { "payments.payment-declined.v1", new PaymentDeclined(OrderId, 25.25m, PaymentTokens.Declined, SimulatedPaymentGateway.CardDeclined) },
        { "payments.payment-abandoned.v1", new PaymentAbandoned(OrderId, FailureReasons.Timeout) },
        { "payments.payment-refunded.v1", new PaymentRefunded(OrderId, 25m) },
        { "ordering.order-placed.v1", Placed() },
        { "ordering.order-approved.v1", new OrderApproved(OrderId) },
        { "ordering.order-rejected.v1", new OrderRejected(OrderId, FailureReasons.PaymentDeclined) },
        { "ordering.order-cancelled.v1", new OrderCancelled(OrderId) },
        { "ordering.order-compensation-failed.v1", new OrderCompensationFailed(OrderId, SagaStep.ReleaseStock, "gave up") },
        { "ordering.order-compensation-resolved.v1", new OrderCompensationResolved(OrderId, FailureReasons.PaymentDeclined) },
    };

    [Theory]
    [MemberData(nameof(Events))]
    public void Every_event_round_trips_through_the_source_generated_context_under_its_stable_name(string typeName, IDomainEvent @event)
    {
        var registered = DomainEventTypes.All.Single(t => t.Name == typeName);
        Assert.Equal(@event.GetType(), registered.TypeInfo.Type);
        Assert.Equal(typeName, @event.GetType().GetField("TypeName")!.GetRawConstantValue());

        var back = JsonSerializer.Deserialize(DomainJson.SerializeEvent(@event), registered.TypeInfo);

        Assert.IsType(@event.GetType(), back);
        Assert.Equal(@event, back);
        Assert.Equal(@event, JsonSerializer.Deserialize(DomainJson.SerializeEventToUtf8Bytes(@event), registered.TypeInfo));
    }

    [Theory]
    [MemberData(nameof(Events))]
    public void Event_json_uses_camel_case_property_names(string typeName, IDomainEvent @event)
    {
        _ = typeName;
        using var document = JsonDocument.Parse(DomainJson.SerializeEvent(@event));

        Assert.All(document.RootElement.EnumerateObject(), p => Assert.True(char.IsLower(p.Name[0]), p.Name));
    }

    [Fact]
    public void OrderPlaced_json_has_the_documented_shape()
    {
        var json = DomainJson.SerializeEvent(Placed());

        Assert.Equal(
            """{"orderId":"order-1","customerId":"cust-1","items":[{"sku":"SKU-1","quantity":2,"unitPrice":10},{"sku":"SKU-2","quantity":1,"unitPrice":5.25}],"total":25.25,"paymentToken":"tok_visa","sagaStyle":"orchestration","placedAt":"2025-01-02T03:04:05+00:00"}""",
            json);
    }

    [Fact]
    public void The_samples_cover_every_event_type_of_the_assembly_and_every_mapped_name()
    {
        var eventTypes = typeof(IDomainEvent).Assembly.GetTypes()
            .Where(t => typeof(IDomainEvent).IsAssignableFrom(t) && !t.IsInterface)
            .ToHashSet();
        var sampled = Events.Select(row => row[1].GetType()).ToHashSet();

        Assert.Equal(eventTypes.OrderBy(t => t.FullName), sampled.OrderBy(t => t.FullName));
        Assert.Equal(eventTypes.OrderBy(t => t.FullName), DomainEventTypes.All.Select(t => t.TypeInfo.Type).OrderBy(t => t.FullName));
        Assert.Equal(DomainEventTypes.All.Count, DomainEventTypes.All.Select(t => t.Name).Distinct(StringComparer.Ordinal).Count());
        Assert.All(eventTypes, t => Assert.True(t.IsSealed, $"{t} is not sealed"));
        Assert.All(eventTypes, t => Assert.NotNull(t.GetField("TypeName", BindingFlags.Public | BindingFlags.Static)));
    }

    [Fact]
    public void Each_context_lists_its_own_events()
    {
        Assert.Equal(DomainEventTypes.All.Count, DomainEventTypes.Customers.Count + DomainEventTypes.Inventory.Count + DomainEventTypes.Payments.Count + DomainEventTypes.Ordering.Count);
        Assert.All(DomainEventTypes.Customers, t => Assert.StartsWith("customers.", t.Name, StringComparison.Ordinal));
        Assert.All(DomainEventTypes.Inventory, t => Assert.StartsWith("inventory.", t.Name, StringComparison.Ordinal));
        Assert.All(DomainEventTypes.Payments, t => Assert.StartsWith("payments.", t.Name, StringComparison.Ordinal));
        Assert.All(DomainEventTypes.Ordering, t => Assert.StartsWith("ordering.", t.Name, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(CreditReserved.TypeName, """{"orderId":"o-1"}""")]
    [InlineData(OrderRejected.TypeName, """{"orderId":"o-1","reason":null}""")]
    [InlineData(OrderPlaced.TypeName, """{"orderId":"o","customerId":"c","total":1,"paymentToken":"t","sagaStyle":"orchestration","placedAt":"2025-01-01T00:00:00Z"}""")]
    public void Deserializing_an_event_with_a_missing_or_null_member_throws(string typeName, string json)
    {
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize(json, DomainEventTypes.All.Single(t => t.Name == typeName).TypeInfo));
    }

    [Fact]
    public void Request_records_deserialize_missing_fields_as_null_so_that_validation_reports_them()
    {
        var request = JsonSerializer.Deserialize("""{"items":[{"sku":"s"}]}""", DomainJsonContext.Default.PlaceOrderRequest)!;

        Assert.Equal(
            ["customerId", "items[0].quantity", "paymentToken"],
            PlaceOrderValidator.Validate(request).Keys);
    }
}
