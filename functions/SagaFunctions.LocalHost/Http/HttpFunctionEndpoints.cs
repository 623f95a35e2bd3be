using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Azure.Functions.Worker;
using SagaFunctions.LocalHost.Discovery;
using SagaFunctions.LocalHost.Invocation;

namespace SagaFunctions.LocalHost.Http;

/// <summary>Maps every httpTrigger function to its route, as the Functions host does.</summary>
public static class HttpFunctionEndpoints
{
    /// <summary>The route a function answers on: the route prefix plus its route (or its name).</summary>
    public static string RouteOf(FunctionDescriptor function, string routePrefix)
    {
        var route = function.TriggerAttribute<HttpTriggerAttribute>().Route ?? function.Name;
        return "/" + string.Join('/', new[] { routePrefix.Trim('/'), route.Trim('/') }.Where(s => s.Length > 0));
    }

    public static void Map(IEndpointRouteBuilder endpoints, IEnumerable<FunctionInvoker> invokers, string routePrefix, string host)
    {
        var authorization = endpoints.ServiceProvider.GetRequiredService<FunctionKeyAuthorization>();
        foreach (var invoker in invokers.Where(i => i.Function.Trigger.Kind is BindingKind.HttpTrigger))
        {
            var trigger = invoker.Function.TriggerAttribute<HttpTriggerAttribute>();
            var methods = trigger.Methods?.Select(m => m.ToUpperInvariant()).ToArray();
            var builder = endpoints.MapMethods(RouteOf(invoker.Function, routePrefix), methods ?? ["GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS"], async context =>
            {
                if (!authorization.IsAuthorized(context.Request, trigger.AuthLevel))
                {
                    context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                    return;
                }

                var result = await invoker.InvokeAsync(new InvocationRequest(context.RequestServices, context.Request, context.RequestAborted)
                {
                    RouteValues = context.Request.RouteValues,
                    TraceParent = context.Request.Headers.TryGetValue("traceparent", out var traceParent) ? traceParent.ToString() : null,
                });
                await WriteResultAsync(context, result);
            });
            builder.RequireHost(host).WithDisplayName("Functions." + invoker.Function.Name);
        }
    }

    private static async Task WriteResultAsync(HttpContext context, object? result)
    {
        switch (result)
        {
            case IActionResult actionResult:
                await actionResult.ExecuteResultAsync(new ActionContext(context, context.GetRouteData(), new ActionDescriptor()));
                break;
            case IResult httpResult:
                await httpResult.ExecuteAsync(context);
                break;
            case null:
                context.Response.StatusCode = StatusCodes.Status204NoContent;
                break;
            case string text:
                context.Response.ContentType = "text/plain; charset=utf-8";
                await context.Response.WriteAsync(text);
                break;
            default:
                context.Response.ContentType = "application/json; charset=utf-8";
                await JsonSerializer.SerializeAsync(context.Response.Body, result, result.GetType(), JsonSerializerOptions.Web);
                break;
        }
    }
}
