using SagaFunctions.Domain.Customers;
using static SagaFunctions.Domain.Tests.TestData;

namespace SagaFunctions.Domain.Tests.Customers;

public class CustomerStateTests
{
    [Fact]
    public void Register_on_a_new_stream_emits_CustomerRegistered()
    {
        Given()
            .When(customer => customer.Register(CustomerId, "Ada", 100m))
            .Then(new CustomerRegistered(CustomerId, "Ada", 100m));
    }

    [Fact]
    public void Register_accepts_a_zero_credit_limit()
    {
        Given()
            .When(customer => customer.Register(CustomerId, "Ada", 0m))
            .Then(new CustomerRegistered(CustomerId, "Ada", 0m));
    }

    [Theory]
    [InlineData("", "Ada", 100)]
    [InlineData("bad id!", "Ada", 100)]
    [InlineData(CustomerId, "", 100)]
    [InlineData(CustomerId, "   ", 100)]
    [InlineData(CustomerId, "Ada", -1)]
    public void Register_with_invalid_input_fails_validation_and_emits_nothing(string customerId, string name, int creditLimit)
    {
        Given()
            .When(customer => customer.Register(customerId, name, creditLimit))
            .ThenFails(DomainErrors.ValidationFailed);
    }

    [Fact]
    public void Register_with_a_name_over_200_characters_fails_validation()
    {
        var failure = Given()
            .When(customer => customer.Register(CustomerId, new string('a', 201), 1m))
            .ThenFails(DomainErrors.ValidationFailed);

        Assert.Contains("name", failure.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Register_again_with_the_same_values_is_an_idempotent_no_op()
    {
        Given(Registered())
            .When(customer => customer.Register(CustomerId, "Ada", 100m))
            .ThenNoChange();
    }

    [Fact]
    public void Register_again_with_other_values_fails_already_exists()
    {
        Given(Registered())
            .When(customer => customer.Register(CustomerId, "Bob", 100m))
            .ThenFails(DomainErrors.AlreadyExists);
    }

    [Fact]
    public void Fold_computes_available_credit_as_limit_minus_active_reservations()
    {
        var state = CustomerState.Fold(
        [
            Registered(100m),
            new CreditReserved(OrderId, 30m),
            new CreditReserved(OtherOrderId, 20m),
            new CreditReleased(OrderId, 30m),
        ]);

        Assert.Equal("Ada", state.Name);
        Assert.Equal(100m, state.CreditLimit);
        Assert.Equal(20m, state.ReservedCredit);
        Assert.Equal(80m, state.AvailableCredit);
        Assert.Equal(OtherOrderId, Assert.Single(state.Reservations).Key);
        Assert.Contains(OrderId, state.ReleasedOrders);
    }

    [Fact]
    public void ReserveCredit_within_available_credit_emits_CreditReserved()
    {
        Given(Registered(100m))
            .When(customer => customer.ReserveCredit(OrderId, 60m))
            .Then(new CreditReserved(OrderId, 60m));
    }

    [Fact]
    public void ReserveCredit_of_exactly_the_available_credit_succeeds()
    {
        Given(Registered(100m), new CreditReserved(OtherOrderId, 40m))
            .When(customer => customer.ReserveCredit(OrderId, 60m))
            .Then(new CreditReserved(OrderId, 60m));
    }

    [Fact]
    public void ReserveCredit_above_available_credit_fails_insufficient_credit()
    {
        var failure = Given(Registered(100m), new CreditReserved(OtherOrderId, 40m))
            .When(customer => customer.ReserveCredit(OrderId, 60.01m))
            .ThenFails(FailureReasons.InsufficientCredit);

        Assert.Equal("Requested 60.01, available 60.", failure.Detail);
    }

    [Fact]
    public void ReserveCredit_for_an_unregistered_customer_fails_unknown_customer()
    {
        Given()
            .When(customer => customer.ReserveCredit(OrderId, 1m))
            .ThenFails(FailureReasons.UnknownCustomer);
    }

    [Fact]
    public void ReserveCredit_again_for_the_same_order_is_an_idempotent_no_op()
    {
        Given(Registered(100m), new CreditReserved(OrderId, 60m))
            .When(customer => customer.ReserveCredit(OrderId, 60m))
            .ThenNoChange();
    }

    [Fact]
    public void ReserveCredit_again_for_the_same_order_succeeds_even_when_credit_is_now_exhausted()
    {
        Given(Registered(100m), new CreditReserved(OrderId, 100m))
            .When(customer => customer.ReserveCredit(OrderId, 100m))
            .ThenNoChange();
    }

    [Fact]
    public void ReserveCredit_for_an_order_whose_reservation_was_released_reserves_nothing_again()
    {
        var state = Given(Registered(100m), new CreditReserved(OrderId, 60m), new CreditReleased(OrderId, 60m))
            .When(customer => customer.ReserveCredit(OrderId, 60m))
            .ThenNoChange();

        Assert.Equal(100m, state.AvailableCredit);
    }

    [Fact]
    public void ReserveCredit_with_another_amount_for_an_already_reserved_order_is_a_programming_error()
    {
        Given(Registered(100m), new CreditReserved(OrderId, 60m))
            .When(customer => customer.ReserveCredit(OrderId, 50m))
            .ThenThrows<InvalidOperationException>();
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    public void ReserveCredit_with_a_non_positive_amount_is_a_programming_error(int amount)
    {
        Given(Registered())
            .When(customer => customer.ReserveCredit(OrderId, amount))
            .ThenThrows<ArgumentOutOfRangeException>();
    }

    [Fact]
    public void ReserveCredit_with_an_invalid_order_id_is_a_programming_error()
    {
        Given(Registered())
            .When(customer => customer.ReserveCredit("no/slashes", 1m))
            .ThenThrows<ArgumentException>();
    }

    [Fact]
    public void ReleaseCredit_of_a_reserved_order_emits_CreditReleased_with_the_reserved_amount()
    {
        Given(Registered(100m), new CreditReserved(OrderId, 60m))
            .When(customer => customer.ReleaseCredit(OrderId))
            .Then(new CreditReleased(OrderId, 60m));
    }

    [Fact]
    public void ReleaseCredit_without_a_reservation_records_a_zero_release_that_blocks_a_late_reserve()
    {
        Given(Registered(100m))
            .When(customer => customer.ReleaseCredit(OrderId))
            .Then(new CreditReleased(OrderId, 0m));

        var afterTombstone = Given(Registered(100m), new CreditReleased(OrderId, 0m))
            .When(customer => customer.ReserveCredit(OrderId, 60m))
            .ThenNoChange();
        Assert.Equal(100m, afterTombstone.AvailableCredit);
    }

    [Fact]
    public void ReleaseCredit_twice_releases_once()
    {
        Given(Registered(100m), new CreditReserved(OrderId, 60m), new CreditReleased(OrderId, 60m))
            .When(customer => customer.ReleaseCredit(OrderId))
            .ThenNoChange();
    }

    [Fact]
    public void ReleaseCredit_for_an_unregistered_customer_is_nothing_to_undo()
    {
        Given()
            .When(customer => customer.ReleaseCredit(OrderId))
            .ThenNoChange();
    }

    [Fact]
    public void Apply_of_an_event_of_another_context_throws()
    {
        Assert.Throws<ArgumentException>(() => CustomerState.Empty.Apply(Added()));
    }

    [Fact]
    public void Available_credit_never_goes_below_zero_and_each_order_reserves_at_most_once_under_any_command_sequence()
    {
        for (var seed = 0; seed < 200; seed++)
        {
            var random = new Random(seed);
            var limit = random.Next(0, 500);
            var state = CustomerState.Fold([Registered(limit)]);
            var reservedOnce = new HashSet<string>(StringComparer.Ordinal);

            for (var step = 0; step < 40; step++)
            {
                var orderId = $"o{random.Next(0, 8)}";
                var result = random.Next(3) == 0
                    ? state.ReleaseCredit(orderId)
                    : state.ReserveCredit(orderId, state.Reservations.TryGetValue(orderId, out var held) ? held : random.Next(1, 200));

                foreach (var reserved in result.Events.OfType<CreditReserved>())
                {
                    Assert.True(reservedOnce.Add(reserved.OrderId), $"seed {seed}: order {reserved.OrderId} reserved twice");
                }

                state = state.ApplyAll(result.Events);
                Assert.True(state.AvailableCredit >= 0, $"seed {seed}: available credit {state.AvailableCredit}");
                Assert.Equal(limit - state.Reservations.Values.Sum(), state.AvailableCredit);
            }
        }
    }

    private static AggregateSpec<CustomerState> Given(params IDomainEvent[] history) => Spec.Given(CustomerState.Fold, history);
}
