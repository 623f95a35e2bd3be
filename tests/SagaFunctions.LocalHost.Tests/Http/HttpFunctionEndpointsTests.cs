using SagaFunctions.LocalHost.Discovery;
using SagaFunctions.LocalHost.Http;

namespace SagaFunctions.LocalHost.Tests.Http;

public sealed class HttpFunctionEndpointsTests
{
    private static readonly IReadOnlyList<FunctionDescriptor> AppFunctions = FunctionDiscovery.Discover([typeof(SagaFunctions.App.AppServices).Assembly]);

    [Fact]
    public void Http_routes_take_the_route_prefix_from_host_json()
    {
        var placeOrder = AppFunctions.Single(f => f.Name == "PlaceOrder");

        Assert.Equal("/api/orders", HttpFunctionEndpoints.RouteOf(placeOrder, "api"));
        Assert.Equal("/v2/orders", HttpFunctionEndpoints.RouteOf(placeOrder, "v2"));
        Assert.Equal("/orders", HttpFunctionEndpoints.RouteOf(placeOrder, ""));
    }
}
