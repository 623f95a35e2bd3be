using Microsoft.Azure.Functions.Worker;

namespace SagaFunctions.LocalHost.Http;

/// <summary>
/// Function auth levels, as the Functions host checks them in Azure: a key in the
/// <c>x-functions-key</c> header or the <c>code</c> query. Like Core Tools, the local host does not
/// enforce them unless <c>LocalHost:EnforceAuthLevel</c> is true (tests turn it on to cover it).
/// </summary>
public sealed class FunctionKeyAuthorization(bool enforce, string? functionKey, string? masterKey)
{
    public bool Enforce => enforce;

    public static FunctionKeyAuthorization FromConfiguration(IConfiguration configuration)
    {
        var enforce = configuration.GetValue("LocalHost:EnforceAuthLevel", false);
        var functionKey = configuration["LocalHost:FunctionKey"];
        var masterKey = configuration["LocalHost:MasterKey"];
        if (enforce && (string.IsNullOrEmpty(functionKey) || string.IsNullOrEmpty(masterKey)))
        {
            throw new InvalidOperationException("LocalHost:EnforceAuthLevel is on: set LocalHost:FunctionKey and LocalHost:MasterKey too.");
        }

        return new FunctionKeyAuthorization(enforce, functionKey, masterKey);
    }

    public bool IsAuthorized(HttpRequest request, AuthorizationLevel level)
    {
        if (!enforce || level is AuthorizationLevel.Anonymous)
        {
            return true;
        }

        string? presented = request.Headers["x-functions-key"].FirstOrDefault() ?? request.Query["code"].FirstOrDefault();
        if (string.IsNullOrEmpty(presented))
        {
            return false;
        }

        var isMaster = FixedTimeEquals(presented, masterKey);
        return level switch
        {
            AuthorizationLevel.Function or AuthorizationLevel.User => isMaster || FixedTimeEquals(presented, functionKey),
            _ => isMaster,
        };
    }

    private static bool FixedTimeEquals(string presented, string? expected) =>
        expected is not null && System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(
            System.Text.Encoding.UTF8.GetBytes(presented), System.Text.Encoding.UTF8.GetBytes(expected));
}
