using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using SagaFunctions.LocalHost.Http;

namespace SagaFunctions.LocalHost.Tests.Http;

public sealed class FunctionKeyAuthorizationTests
{
    [Theory]
    [InlineData(false, AuthorizationLevel.Function, null, true)]
    [InlineData(true, AuthorizationLevel.Anonymous, null, true)]
    [InlineData(true, AuthorizationLevel.Function, null, false)]
    [InlineData(true, AuthorizationLevel.Function, "function-key", true)]
    [InlineData(true, AuthorizationLevel.Function, "master-key", true)]
    [InlineData(true, AuthorizationLevel.Function, "wrong", false)]
    [InlineData(true, AuthorizationLevel.Admin, "function-key", false)]
    [InlineData(true, AuthorizationLevel.Admin, "master-key", true)]
    public void Auth_levels_are_checked_only_when_enforcement_is_on(bool enforce, AuthorizationLevel level, string? key, bool allowed)
    {
        var authorization = new FunctionKeyAuthorization(enforce, "function-key", "master-key");
        var byHeader = new DefaultHttpContext();
        var byQuery = new DefaultHttpContext();
        if (key is not null)
        {
            byHeader.Request.Headers["x-functions-key"] = key;
            byQuery.Request.QueryString = new QueryString("?code=" + key);
        }

        Assert.Equal(allowed, authorization.IsAuthorized(byHeader.Request, level));
        Assert.Equal(allowed, authorization.IsAuthorized(byQuery.Request, level));
    }
}
