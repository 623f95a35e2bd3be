namespace SagaFunctions.Domain;

/// <summary>
/// The saga's business failure reasons; each is also an order <c>rejectionReason</c>.
/// </summary>
public static class FailureReasons
{
    public const string UnknownCustomer = "UNKNOWN_CUSTOMER";
    public const string InsufficientCredit = "INSUFFICIENT_CREDIT";
    public const string UnknownProduct = "UNKNOWN_PRODUCT";
    public const string OutOfStock = "OUT_OF_STOCK";
    public const string PaymentDeclined = "PAYMENT_DECLINED";
    public const string Cancelled = "CANCELLED";
    public const string Timeout = "TIMEOUT";

    /// <summary>An operator ended the saga (it was stuck): the payment was given up and what the order held released.</summary>
    public const string EndedByOperator = "ENDED_BY_OPERATOR";

    /// <summary>Every rejection reason, in saga step order.</summary>
    public static IReadOnlyList<string> All { get; } =
        [UnknownCustomer, InsufficientCredit, UnknownProduct, OutOfStock, PaymentDeclined, Cancelled, Timeout, EndedByOperator];

    public static bool IsRejectionReason(string? reason) => reason is not null && All.Contains(reason, StringComparer.Ordinal);
}

/// <summary>Failure codes of commands that are not saga rejection reasons.</summary>
public static class DomainErrors
{
    /// <summary>The command's input is invalid (the detail lists the field errors).</summary>
    public const string ValidationFailed = "VALIDATION_FAILED";

    /// <summary>The stream already holds a different entity with this id (customer, product, order).</summary>
    public const string AlreadyExists = "ALREADY_EXISTS";

    /// <summary>A status change was asked of an order that was never placed.</summary>
    public const string UnknownOrder = "UNKNOWN_ORDER";

    /// <summary>The order is final with another status; a final status cannot change.</summary>
    public const string OrderAlreadyFinal = "ORDER_ALREADY_FINAL";

    /// <summary>The payment already has an outcome (captured or declined): it can no longer be abandoned.</summary>
    public const string PaymentAlreadyAnswered = "PAYMENT_ALREADY_ANSWERED";

    /// <summary>Only a COMPENSATION_FAILED order can have its compensation resolved.</summary>
    public const string NotCompensationFailed = "NOT_COMPENSATION_FAILED";
}
