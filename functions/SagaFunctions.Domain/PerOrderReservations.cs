using System.Globalization;
using System.Numerics;

namespace SagaFunctions.Domain;

/// <summary>
/// The rules a resource reserved per order follows (a customer's credit, a product's stock): an
/// order reserves at most once and a repeat is a no-op; a released order cannot reserve again; a
/// release of an order that never reserved records a zero release, so a reservation that arrives
/// late (after the saga gave up and compensated) takes nothing.
/// </summary>
internal static class PerOrderReservations
{
    /// <summary>
    /// The answer to a reservation the order already made or may no longer make (a no-op), or null
    /// when it is new and the resource decides on what is available.
    /// </summary>
    /// <exception cref="InvalidOperationException">The order already holds a reservation of another amount.</exception>
    public static CommandResult? AnswerToRepeat<T>(IReadOnlyDictionary<string, T> reservations, IReadOnlySet<string> released, string orderId, T amount, string resource)
        where T : INumber<T>
    {
        if (reservations.TryGetValue(orderId, out var reserved))
        {
            return reserved == amount
                ? CommandResult.NoChange
                : throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"Order '{orderId}' already reserved {reserved} of {resource}, not {amount}."));
        }

        return released.Contains(orderId) ? CommandResult.NoChange : null;
    }

    /// <summary>What releasing the order gives back: its reservation, zero when it never reserved, or null when it was released already (or the resource does not exist).</summary>
    public static T? ToRelease<T>(IReadOnlyDictionary<string, T> reservations, IReadOnlySet<string> released, string orderId, bool exists)
        where T : struct, INumber<T> =>
        reservations.TryGetValue(orderId, out var amount) ? amount
        : exists && !released.Contains(orderId) ? T.Zero
        : null;
}
