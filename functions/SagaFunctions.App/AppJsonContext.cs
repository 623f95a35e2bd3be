using System.Text.Json;
using System.Text.Json.Serialization;
using SagaFunctions.App.Ordering;
using SagaFunctions.App.ReadSide;

namespace SagaFunctions.App;

/// <summary>Source-generated JSON for the app's own messages (queue payloads, API shapes).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(AppendNotification))]
[JsonSerializable(typeof(PlaceOrderBody))]
public sealed partial class AppJsonContext : JsonSerializerContext;
