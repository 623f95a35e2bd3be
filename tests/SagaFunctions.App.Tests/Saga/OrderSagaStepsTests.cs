using System.Text.Json;
using SagaFunctions.App.Saga;

namespace SagaFunctions.App.Tests.Saga;

/// <summary>The step table is data the orchestrator trusts: each name must be an activity of the app, and compensations must mirror the reservations.</summary>
public sealed class OrderSagaStepsTests
{
    private static IEnumerable<SagaStepDefinition> AllSteps =>
    [
        .. OrderSagaSteps.Reservations, OrderSagaSteps.Pivot, OrderSagaSteps.GiveUpPivot, .. OrderSagaSteps.AfterCapture,
        .. OrderSagaSteps.Compensations, OrderSagaSteps.RejectOrder, OrderSagaSteps.CancelOrder, OrderSagaSteps.MarkCompensationFailed,
    ];

    [Fact]
    public void Every_step_of_the_table_is_an_activity_of_the_app()
    {
        // functions.metadata is what the Worker SDK built from the [Function] attributes, as the Functions host reads it.
        var activities = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "functions.metadata"))).RootElement.EnumerateArray()
            .Where(f => f.GetProperty("bindings").EnumerateArray().Any(b => b.GetProperty("type").GetString() == "activityTrigger"))
            .Select(f => f.GetProperty("name").GetString())
            .ToHashSet(StringComparer.Ordinal);

        Assert.All(AllSteps, step => Assert.Contains(step.Name, activities));
    }

    [Fact]
    public void The_compensations_undo_the_reservations_in_reverse_order_in_their_contexts()
    {
        Assert.Equal(
            OrderSagaSteps.Reservations.Reverse().Select(r => (r.UndoneBy, r.Context)),
            OrderSagaSteps.Compensations.Select(c => ((string?)c.Name, c.Context)));
    }
}
