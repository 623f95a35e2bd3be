using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace SagaFunctions.App.Platform.Queues;

/// <summary>
/// The body of a message on the app's own queues: one JSON item, or a JSON array of items when a
/// <see cref="BatchingQueueSender"/> put several in one message. A single item keeps the plain form,
/// so a message written by hand still reads.
/// </summary>
public static class QueueBatch
{
    /// <summary>
    /// What one message may carry, in UTF-8 bytes before base64: a Storage queue message holds 64 KiB,
    /// and base64 makes 4 bytes of 3, which leaves 48 KiB; kept a little below that.
    /// </summary>
    public const int MaxBodyBytes = 45 * 1024;

    /// <summary>How many items one message may carry: a consumer retries a failed message as a whole.</summary>
    public const int MaxItems = 64;

    /// <summary>The body for <paramref name="items"/>, each already JSON: the item itself when alone, else an array.</summary>
    public static string Join(IReadOnlyList<string> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        return items.Count == 1 ? items[0] : "[" + string.Join(',', items) + "]";
    }

    /// <summary>The UTF-8 size an item adds to a batch body (its comma included).</summary>
    public static int SizeOf(string item) => Encoding.UTF8.GetByteCount(item) + 1;

    /// <summary>The items of a message body, in the order they were sent.</summary>
    /// <exception cref="JsonException">The body is not JSON, or an item is JSON null.</exception>
    public static IReadOnlyList<T> Read<T>(string body, JsonTypeInfo<T> typeInfo)
    {
        using var document = JsonDocument.Parse(body);
        if (document.RootElement.ValueKind != JsonValueKind.Array)
        {
            return [ReadItem(document.RootElement, typeInfo)];
        }

        var items = new List<T>(document.RootElement.GetArrayLength());
        foreach (var element in document.RootElement.EnumerateArray())
        {
            items.Add(ReadItem(element, typeInfo));
        }

        return items.Count > 0 ? items : throw new JsonException("The message is an empty array.");
    }

    /// <summary>The items of a message body, each checked by <paramref name="isComplete"/>.</summary>
    /// <exception cref="JsonException">The body does not read, or an item is not complete (<paramref name="missing"/> says what it lacks).</exception>
    public static IReadOnlyList<T> ReadComplete<T>(string body, JsonTypeInfo<T> typeInfo, Func<T, bool> isComplete, string missing)
    {
        ArgumentNullException.ThrowIfNull(isComplete);
        var items = Read(body, typeInfo);
        return items.All(isComplete) ? items : throw new JsonException($"An item of the message has no {missing}.");
    }

    private static T ReadItem<T>(JsonElement element, JsonTypeInfo<T> typeInfo) =>
        element.Deserialize(typeInfo) ?? throw new JsonException("An item of the message is JSON null.");
}
