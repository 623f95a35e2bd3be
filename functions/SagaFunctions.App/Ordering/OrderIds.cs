using System.Security.Cryptography;
using System.Text;

namespace SagaFunctions.App.Ordering;

/// <summary>
/// Order ids. With an <c>Idempotency-Key</c> the id is derived from the customer and the key, so a
/// retried POST lands on the same order stream (same body → the same order, another body → a
/// conflict), and keys are scoped per customer as Stripe scopes them per account: two customers who
/// happen to use one key get two independent orders, and neither learns that the other used it. An
/// order's id does not change afterwards, whatever scheme made it.
/// </summary>
public static class OrderIds
{
    public const string IdempotencyKeyHeader = "Idempotency-Key";
    public const int MaxIdempotencyKeyLength = 200;

    public static string New() => Guid.NewGuid().ToString("N");

    public static string FromIdempotencyKey(string customerId, string key)
    {
        ArgumentNullException.ThrowIfNull(customerId);
        ArgumentNullException.ThrowIfNull(key);
        // The customer id's length goes first, so no pair of (customer, key) reads as another.
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"order:{customerId.Length}:{customerId}:{key}")))[..32];
    }
}
