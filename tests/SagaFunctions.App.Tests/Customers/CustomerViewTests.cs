using SagaFunctions.App.Customers;
using SagaFunctions.Domain.Customers;

namespace SagaFunctions.App.Tests.Customers;

/// <summary>The customer view's fold, pure: no storage.</summary>
public sealed class CustomerViewTests
{
    private static readonly CustomerRegistered Registered = new("c-1", "Ada", 1000m);

    [Fact]
    public void The_registration_creates_the_view_with_all_its_credit_available()
    {
        var view = CustomerView.Create(Registered);

        Assert.Equal(new CustomerView("c-1", "Ada", 1000m, 1000m), view);
    }

    [Fact]
    public void Reservations_take_credit_releases_give_it_back_and_a_zero_release_changes_nothing()
    {
        var view = Fold(Registered, new CreditReserved("o-1", 120.25m), new CreditReserved("o-2", 0.75m), new CreditReleased("o-1", 120.25m), new CreditReleased("o-3", 0m));

        Assert.Equal(999.25m, view.AvailableCredit);
        Assert.Equal(1000m, view.CreditLimit);
    }

    [Fact]
    public void The_available_credit_is_the_aggregates_for_what_the_aggregate_records()
    {
        object[] events = [Registered, new CreditReserved("o-1", 300m), new CreditReserved("o-2", 450.5m), new CreditReleased("o-2", 450.5m), new CreditReleased("o-9", 0m), new CreditReserved("o-3", 99.99m)];

        var view = Fold(events);

        var aggregate = CustomerState.Fold(events);
        Assert.Equal((aggregate.CustomerId, aggregate.Name, aggregate.CreditLimit, aggregate.AvailableCredit), (view.CustomerId, view.Name, view.CreditLimit, view.AvailableCredit));
    }

    [Fact]
    public void A_stream_that_does_not_start_with_the_registration_is_refused()
    {
        Assert.Throws<ArgumentException>(() => CustomerView.Create(new CreditReserved("o-1", 1m)));
    }

    [Fact]
    public void Events_the_view_does_not_show_leave_it_as_it_is()
    {
        var view = CustomerView.Create(Registered);

        Assert.Same(view, view.Apply(Registered));
    }

    private static CustomerView Fold(params object[] events) => events.Skip(1).Aggregate(CustomerView.Create(events[0]), (view, e) => view.Apply(e));
}
