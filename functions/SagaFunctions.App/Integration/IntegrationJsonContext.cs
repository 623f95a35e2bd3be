using System.Text.Json;
using System.Text.Json.Serialization;

namespace SagaFunctions.App.Integration;

/// <summary>Source-generated JSON of the integration envelope (web defaults: camelCase).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(IntegrationEvent))]
public sealed partial class IntegrationJsonContext : JsonSerializerContext;
