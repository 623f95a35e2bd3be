using System.Security.Cryptography;
using System.Text;

namespace SagaFunctions.Domain.Payments;

/// <summary>
/// What the outside sees of a payment token: a stable reference (<c>ref_</c> and 12 hex digits of its
/// SHA-256), enough to tell two payments' tokens apart or match one to a gateway's record, never the
/// token. Answers, published events and logs carry this; only the order and payment streams, and the
/// saga's input, keep the token itself, because the capture step needs it.
/// </summary>
public static class PaymentReference
{
    public static string Of(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        return "ref_" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)))[..12];
    }
}
