namespace SagaFunctions.Domain.Customers;

/// <summary>A customer was registered with a credit limit.</summary>
public sealed record CustomerRegistered(string CustomerId, string Name, decimal CreditLimit) : IDomainEvent
{
    public const string TypeName = "customers.customer-registered.v1";
}

/// <summary>Credit was reserved for an order (saga step ReserveCredit).</summary>
public sealed record CreditReserved(string OrderId, decimal Amount) : IDomainEvent
{
    public const string TypeName = "customers.credit-reserved.v1";
}

/// <summary>An order's credit reservation was released (compensation ReleaseCredit).</summary>
public sealed record CreditReleased(string OrderId, decimal Amount) : IDomainEvent
{
    public const string TypeName = "customers.credit-released.v1";
}
