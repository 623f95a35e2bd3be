using System.Reflection;

namespace SagaFunctions.LocalHost.Discovery;

/// <summary>A function found in the app: its name, its method and its bindings.</summary>
public sealed record FunctionDescriptor(string Name, MethodInfo Method, IReadOnlyList<FunctionBinding> Bindings)
{
    /// <summary>The trigger binding: every function has exactly one.</summary>
    public FunctionBinding Trigger => Bindings.Single(b => b.Kind is not BindingKind.DurableClient);

    public string EntryPoint => $"{Method.DeclaringType!.FullName}.{Method.Name}";

    public TAttribute TriggerAttribute<TAttribute>()
        where TAttribute : Attribute => (TAttribute)Trigger.Attribute;
}
