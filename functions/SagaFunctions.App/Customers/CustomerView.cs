using SagaFunctions.Domain.Customers;

namespace SagaFunctions.App.Customers;

/// <summary>
/// The customer view, as <c>GET /api/customers/{customerId}</c> answers it, and its pure fold. Unlike
/// the aggregate it keeps no reservations: the available credit moves by the amounts in the events
/// (the checkpoint makes each apply once), and a zero release, the "nothing was reserved" tombstone,
/// changes nothing.
/// </summary>
public sealed record CustomerView(string CustomerId, string Name, decimal CreditLimit, decimal AvailableCredit)
{
    /// <summary>The view a customer stream's first event, the registration, creates.</summary>
    public static CustomerView Create(object first) => first switch
    {
        CustomerRegistered e => new(e.CustomerId, e.Name, e.CreditLimit, e.CreditLimit),
        _ => throw new ArgumentException($"A customer stream starts with {nameof(CustomerRegistered)}, not {first?.GetType().Name}.", nameof(first)),
    };

    public CustomerView Apply(object next) => next switch
    {
        CreditReserved e => this with { AvailableCredit = AvailableCredit - e.Amount },
        CreditReleased e => this with { AvailableCredit = AvailableCredit + e.Amount },
        _ => this,
    };
}
