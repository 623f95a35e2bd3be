using System.Reflection;

namespace SagaFunctions.LocalHost.Discovery;

/// <summary>One binding of a function: its kind, the parameter it binds, and the attribute's settings.</summary>
public sealed record FunctionBinding(BindingKind Kind, ParameterInfo Parameter, Attribute Attribute)
{
    /// <summary>The name functions.metadata uses for this binding type (httpTrigger, queueTrigger, ...).</summary>
    public string MetadataType => char.ToLowerInvariant(Kind.ToString()[0]) + Kind.ToString()[1..];
}
