using System.Globalization;

namespace SagaFunctions.App.Ordering;

/// <summary>The <c>?asOf=</c> of an order query: a stream version (a whole number) or an ISO 8601 timestamp.</summary>
public readonly record struct AsOf(long? Version, DateTimeOffset? Timestamp)
{
    public static bool TryParse(string text, out AsOf asOf)
    {
        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var version))
        {
            asOf = new AsOf(version, null);
            return true;
        }

        // A timestamp without an offset is taken as UTC, like the event timestamps.
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var timestamp)
            && text.Contains('T', StringComparison.OrdinalIgnoreCase))
        {
            asOf = new AsOf(null, timestamp);
            return true;
        }

        asOf = default;
        return false;
    }
}
