using System.Reflection;
using Microsoft.Azure.Functions.Worker;

namespace SagaFunctions.LocalHost.Discovery;

/// <summary>
/// Finds the app's functions from its <c>[Function]</c> attributes: the same source the
/// Worker SDK reads to write functions.metadata, so there is no second registration list.
/// A binding the local host cannot run stops start-up with the function and binding named.
/// </summary>
public static class FunctionDiscovery
{
    private static readonly Dictionary<Type, BindingKind> KnownBindings = new()
    {
        [typeof(HttpTriggerAttribute)] = BindingKind.HttpTrigger,
        [typeof(OrchestrationTriggerAttribute)] = BindingKind.OrchestrationTrigger,
        [typeof(ActivityTriggerAttribute)] = BindingKind.ActivityTrigger,
        [typeof(QueueTriggerAttribute)] = BindingKind.QueueTrigger,
        [typeof(TimerTriggerAttribute)] = BindingKind.TimerTrigger,
        [typeof(DurableClientAttribute)] = BindingKind.DurableClient,
    };

    public static IReadOnlyList<FunctionDescriptor> Discover(IEnumerable<Assembly> assemblies) =>
        Discover(assemblies.SelectMany(a => a.GetExportedTypes()));

    public static IReadOnlyList<FunctionDescriptor> Discover(IEnumerable<Type> types)
    {
        var functions = types
            .Distinct()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .Select(m => (Method: m, Attribute: m.GetCustomAttribute<FunctionAttribute>()))
            .Where(x => x.Attribute is not null)
            .Select(x => Describe(x.Attribute!.Name, x.Method))
            .ToList();

        var duplicate = functions.GroupBy(f => f.Name, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidOperationException(
                $"Function name '{duplicate.Key}' is used by {string.Join(" and ", duplicate.Select(f => f.EntryPoint))}.");
        }

        return functions;
    }

    private static FunctionDescriptor Describe(string name, MethodInfo method)
    {
        var unsupportedOnMethod = method.GetCustomAttributes().Concat(method.ReturnParameter.GetCustomAttributes())
            .FirstOrDefault(IsBindingAttribute);
        if (unsupportedOnMethod is not null)
        {
            throw Unsupported(name, unsupportedOnMethod);
        }

        var bindings = new List<FunctionBinding>();
        foreach (var parameter in method.GetParameters())
        {
            foreach (var attribute in parameter.GetCustomAttributes().Where(IsBindingAttribute))
            {
                if (!KnownBindings.TryGetValue(attribute.GetType(), out var kind))
                {
                    throw Unsupported(name, attribute);
                }

                bindings.Add(new FunctionBinding(kind, parameter, attribute));
            }
        }

        var triggers = bindings.Count(b => b.Kind is not BindingKind.DurableClient);
        if (triggers != 1)
        {
            throw new InvalidOperationException($"Function '{name}' ({method.DeclaringType?.FullName}.{method.Name}) has {triggers} triggers; it needs exactly one.");
        }

        return new FunctionDescriptor(name, method, bindings);
    }

    // Every Functions binding attribute derives from Extensions.Abstractions.BindingAttribute.
    private static bool IsBindingAttribute(Attribute attribute)
    {
        for (var type = attribute.GetType(); type is not null; type = type.BaseType)
        {
            if (type.FullName == "Microsoft.Azure.Functions.Worker.Extensions.Abstractions.BindingAttribute")
            {
                return true;
            }
        }

        return false;
    }

    private static InvalidOperationException Unsupported(string function, Attribute attribute) => new(
        $"Function '{function}' uses the binding [{attribute.GetType().Name}], which the local host cannot run. " +
        $"Supported: {string.Join(", ", KnownBindings.Keys.Select(k => k.Name))}.");
}
