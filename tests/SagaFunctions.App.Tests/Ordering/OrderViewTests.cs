using System.Text.Json;
using SagaFunctions.App.Ordering;
using SagaFunctions.App.ReadSide;
using SagaFunctions.Domain;
using SagaFunctions.Domain.Ordering;
using SagaFunctions.Domain.Saga;

namespace SagaFunctions.App.Tests.Ordering;

/// <summary>The order view comes from the aggregate's own fold, without the payment token. Pure: no storage.</summary>
public sealed class OrderViewTests
{
    private const string Token = "tok_visa_secret_42";
    private static readonly DateTimeOffset PlacedAt = new(2026, 3, 1, 9, 30, 0, TimeSpan.Zero);
    private static readonly OrderPlaced Placed = new("o-1", "c-1", [new OrderLine("sku-1", 2, 12.50m), new OrderLine("sku-2", 1, 0.99m)], 25.99m, Token, SagaStyles.Orchestration, PlacedAt);

    public static TheoryData<string> Paths { get; } = ["placed", "approved", "rejected", "cancelled", "compensation-failed"];

    [Theory]
    [MemberData(nameof(Paths))]
    public void Folded_event_by_event_the_view_is_the_aggregates_state(string path)
    {
        var events = Events(path);

        var view = Fold(events);

        Assert.Equal(OrderView.Of(OrderState.Fold(events)), view);
    }

    [Fact]
    public void Each_final_status_shows_with_its_reason()
    {
        Assert.Equal(("PENDING", (string?)null), StatusOf("placed"));
        Assert.Equal(("APPROVED", (string?)null), StatusOf("approved"));
        Assert.Equal(("REJECTED", FailureReasons.OutOfStock), StatusOf("rejected"));
        Assert.Equal(("CANCELLED", FailureReasons.Cancelled), StatusOf("cancelled"));
        Assert.Equal(("COMPENSATION_FAILED", (string?)null), StatusOf("compensation-failed"));
    }

    [Fact]
    public void The_view_keeps_the_lines_total_and_placement_exactly()
    {
        var view = OrderView.Create(Placed);

        Assert.Equal(25.99m, view.Total);
        Assert.Equal(Placed.Items, view.Items);
        Assert.Equal(PlacedAt, view.PlacedAt);
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void The_payment_token_is_never_in_the_view(string path)
    {
        var json = JsonSerializer.Serialize(Fold(Events(path)), ReadSideJsonContext.Default.OrderView);

        Assert.DoesNotContain(Token, json, StringComparison.Ordinal);
        Assert.DoesNotContain("token", json, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void The_history_entry_shows_the_orders_status_total_reason_and_placement()
    {
        var view = Fold(Events("rejected"));

        Assert.Equal(new OrderHistoryEntry("o-1", "REJECTED", 25.99m, FailureReasons.OutOfStock, PlacedAt), view.HistoryEntry());
        Assert.Equal(new CustomerOrderResponse("o-1", "REJECTED", 25.99m, FailureReasons.OutOfStock), view.HistoryEntry().ToResponse());
    }

    [Fact]
    public void The_answer_is_the_view_with_the_version_it_shows()
    {
        var answer = OrderResponse.Of(Fold(Events("approved")), 2);

        Assert.Equal(("o-1", "c-1", "APPROVED", 25.99m, 2L), (answer.OrderId, answer.CustomerId, answer.Status, answer.Total, answer.Version));
        Assert.Equal(Placed.Items, answer.Items);
    }

    private static (string Status, string? Reason) StatusOf(string path)
    {
        var view = Fold(Events(path));
        return (view.Status, view.RejectionReason);
    }

    private static object[] Events(string path) => path switch
    {
        "placed" => [Placed],
        "approved" => [Placed, new OrderApproved("o-1")],
        "rejected" => [Placed, new OrderRejected("o-1", FailureReasons.OutOfStock)],
        "cancelled" => [Placed, new OrderCancelled("o-1")],
        "compensation-failed" => [Placed, new OrderCompensationFailed("o-1", "ReleaseCredit", "kept failing")],
        _ => throw new ArgumentOutOfRangeException(nameof(path), path, "unknown path"),
    };

    private static OrderView Fold(object[] events) => events.Skip(1).Aggregate(OrderView.Create(events[0]), (view, e) => view.Apply(e));
}
