namespace SagaFunctions.EventStore;

/// <summary>
/// Checks stream ids (and event ids, which become row keys) against the Table Storage key rules, so a
/// bad id fails with an <see cref="ArgumentException"/> naming the problem instead of a storage error.
/// </summary>
public static class StreamIdValidator
{
    /// <summary>Keys may be up to 1 KiB; counted as UTF-16 (2 bytes a char), the conservative reading.</summary>
    public const int MaxKeyChars = 512;

    /// <summary>A stream id may not start with this: the store's own partitions do (the markers').</summary>
    public const char ReservedPrefix = '~';

    public static void Validate(string streamId, string parameterName = "streamId")
    {
        ValidateKey(streamId, MaxKeyChars, "Stream id", parameterName);
        if (streamId[0] == ReservedPrefix)
        {
            throw new ArgumentException($"Stream id '{Shorten(streamId)}' is invalid: a leading '{ReservedPrefix}' is reserved for the store's own partitions.", parameterName);
        }
    }

    /// <summary>Returns the problem with a key, or null when it is valid.</summary>
    public static string? FindProblem(string? key, int maxChars)
    {
        if (string.IsNullOrEmpty(key))
        {
            return "it is empty";
        }

        if (key.Length > maxChars)
        {
            return $"it is {key.Length} characters long, over the limit of {maxChars}";
        }

        for (var i = 0; i < key.Length; i++)
        {
            var c = key[i];
            var problem = c switch
            {
                '/' => "'/' (slash)",
                '\\' => "'\\' (backslash)",
                '#' => "'#' (number sign)",
                '?' => "'?' (question mark)",
                _ when c <= '\u001F' || (c >= '\u007F' && c <= '\u009F') => $"control character U+{(int)c:X4}",
                _ => null,
            };
            if (problem is not null)
            {
                return $"it contains {problem} at position {i}, which table keys do not allow";
            }
        }

        return null;
    }

    internal static void ValidateKey(string key, int maxChars, string what, string parameterName)
    {
        var problem = FindProblem(key, maxChars);
        if (problem is not null)
        {
            throw new ArgumentException($"{what} '{Shorten(key)}' is invalid: {problem}.", parameterName);
        }
    }

    private static string Shorten(string? key) => key is null ? "(null)" : key.Length <= 80 ? key : key[..80] + "…";
}
