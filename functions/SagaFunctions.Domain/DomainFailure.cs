namespace SagaFunctions.Domain;

/// <summary>A business failure: a stable <paramref name="Reason"/> code and a human-readable detail.</summary>
public sealed record DomainFailure(string Reason, string Detail);
