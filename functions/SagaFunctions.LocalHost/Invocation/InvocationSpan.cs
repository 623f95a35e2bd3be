using System.Diagnostics;
using SagaFunctions.LocalHost.Discovery;

namespace SagaFunctions.LocalHost.Invocation;

/// <summary>
/// The span the isolated worker starts for every invocation in Azure (Worker.Core's telemetry provider,
/// schema 1.37.0: source <c>Microsoft.Azure.Functions.Worker</c>, name <c>function {Name}</c>), started here
/// because this host calls the methods itself and never runs the worker's invocation pipeline. So a trace
/// has the same shape here as in Azure. Orchestrators get none: the DurableTask SDK's orchestration span
/// stands for the whole orchestration, where one span per replayed episode would repeat it.
/// </summary>
internal static class InvocationSpan
{
    private static readonly ActivitySource Worker = new("Microsoft.Azure.Functions.Worker");

    public static Activity? Start(FunctionDescriptor function, string? traceParent)
    {
        if (function.Trigger.Kind is BindingKind.OrchestrationTrigger || !Worker.HasListeners())
        {
            return null;
        }

        var kind = function.Trigger.Kind switch
        {
            BindingKind.HttpTrigger => ActivityKind.Server,
            BindingKind.QueueTrigger => ActivityKind.Consumer,
            _ => ActivityKind.Internal,
        };
        var parent = ActivityContext.TryParse(traceParent, null, out var sent) ? sent : default;
        if (parent == default && kind is ActivityKind.Server && Activity.Current is { Recorded: false })
        {
            // ASP.NET Core's own request activity, which nothing exports: a request sent without a trace
            // context starts a trace of its own, as it does in Azure.
            Activity.Current = null;
        }

        var span = Worker.StartActivity($"function {function.Name}", kind, parent);
        span?.SetTag("faas.name", function.Name);
        span?.SetTag("faas.invocation_id", Guid.NewGuid().ToString());
        span?.SetTag("schema.url", "https://opentelemetry.io/schemas/1.37.0");
        return span;
    }
}
