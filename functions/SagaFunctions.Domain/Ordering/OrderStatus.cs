namespace SagaFunctions.Domain.Ordering;

/// <summary>Order statuses as they appear in JSON and read models.</summary>
public static class OrderStatus
{
    public const string Pending = "PENDING";
    public const string Approved = "APPROVED";
    public const string Rejected = "REJECTED";
    public const string Cancelled = "CANCELLED";
    public const string CompensationFailed = "COMPENSATION_FAILED";

    public static IReadOnlyList<string> All { get; } = [Pending, Approved, Rejected, Cancelled, CompensationFailed];

    /// <summary>Approved, rejected, cancelled and compensation-failed orders never change status again.</summary>
    public static bool IsFinal(string? status) =>
        status is Approved or Rejected or Cancelled or CompensationFailed;
}
