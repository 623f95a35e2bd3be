using System.Text.Json.Serialization;
using SagaFunctions.Domain.Customers;
using SagaFunctions.Domain.Inventory;
using SagaFunctions.Domain.Ordering;
using SagaFunctions.Domain.Payments;
using SagaFunctions.Domain.Saga;

namespace SagaFunctions.Domain.Serialization;

/// <summary>
/// Source-generated JSON metadata (camelCase, enums as strings) for every event record, every state
/// record (snapshots), the HTTP request records and the saga contracts. Strict on read: a missing
/// constructor parameter or a <c>null</c> for a non-nullable member is a <see cref="System.Text.Json.JsonException"/>
/// (request records give every parameter a default, so a missing field there is a validation error instead).
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UseStringEnumConverter = true,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true)]
// Customers
[JsonSerializable(typeof(CustomerRegistered))]
[JsonSerializable(typeof(CreditReserved))]
[JsonSerializable(typeof(CreditReleased))]
[JsonSerializable(typeof(CustomerState))]
[JsonSerializable(typeof(RegisterCustomerRequest))]
// Inventory
[JsonSerializable(typeof(ProductAdded))]
[JsonSerializable(typeof(StockReserved))]
[JsonSerializable(typeof(StockReleased))]
[JsonSerializable(typeof(ProductState))]
[JsonSerializable(typeof(AddProductRequest))]
// Payments
[JsonSerializable(typeof(PaymentCaptured))]
[JsonSerializable(typeof(PaymentDeclined))]
[JsonSerializable(typeof(PaymentAbandoned))]
[JsonSerializable(typeof(PaymentRefunded))]
[JsonSerializable(typeof(PaymentState))]
// Ordering
[JsonSerializable(typeof(OrderPlaced))]
[JsonSerializable(typeof(OrderApproved))]
[JsonSerializable(typeof(OrderRejected))]
[JsonSerializable(typeof(OrderCancelled))]
[JsonSerializable(typeof(OrderCompensationFailed))]
[JsonSerializable(typeof(OrderCompensationResolved))]
[JsonSerializable(typeof(OrderState))]
[JsonSerializable(typeof(PlaceOrderRequest))]
// Saga contracts
[JsonSerializable(typeof(OrderSagaInput))]
[JsonSerializable(typeof(StepResult))]
[JsonSerializable(typeof(PaymentDecision))]
[JsonSerializable(typeof(StockLine))]
[JsonSerializable(typeof(IReadOnlyList<StockLine>))]
// Validation errors
[JsonSerializable(typeof(IReadOnlyDictionary<string, string[]>))]
public sealed partial class DomainJsonContext : JsonSerializerContext;
