using System.Security.Cryptography;
using System.Text;

namespace SagaFunctions.App.Commands;

/// <summary>
/// Order ids. With an <c>Idempotency-Key</c> the id is derived from the key, so a retried POST
/// lands on the same order stream: same body → the same order, another body → a conflict.
/// </summary>
public static class OrderIds
{
    public const string IdempotencyKeyHeader = "Idempotency-Key";
    public const int MaxIdempotencyKeyLength = 200;

    public static string New() => Guid.NewGuid().ToString("N");

    public static string FromIdempotencyKey(string key) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("order:" + key)))[..32];
}
