using SagaFunctions.Domain.Validation;

namespace SagaFunctions.Domain;

/// <summary>Argument checks for values that callers must have validated already (a failure is a bug).</summary>
internal static class Guard
{
    public static void OrderId(string orderId)
    {
        ArgumentNullException.ThrowIfNull(orderId);
        if (!Identifiers.IsValidId(orderId))
        {
            throw new ArgumentException($"'{orderId}' is not a valid order id.", nameof(orderId));
        }
    }
}
