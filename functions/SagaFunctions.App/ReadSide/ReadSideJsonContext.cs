using System.Text.Json.Serialization;
using SagaFunctions.App.Customers;
using SagaFunctions.App.Inventory;
using SagaFunctions.App.Operations.SagaList;
using SagaFunctions.App.Ordering;

namespace SagaFunctions.App.ReadSide;

/// <summary>Source-generated JSON for the view records the view rows hold, and the read side's messages.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(CustomerView))]
[JsonSerializable(typeof(ProductView))]
[JsonSerializable(typeof(OrderView))]
[JsonSerializable(typeof(OrderHistoryEntry))]
[JsonSerializable(typeof(SagaListEntry))]
[JsonSerializable(typeof(RebuildRequest))]
public sealed partial class ReadSideJsonContext : JsonSerializerContext;
