namespace SagaFunctions.App.ReadSide;

/// <summary>Where a view row lives in its views table.</summary>
public readonly record struct ViewKey(string PartitionKey, string RowKey);
