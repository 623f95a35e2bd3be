namespace SagaFunctions.LocalHost.Configuration;

/// <summary>
/// Resolves a binding's <c>Connection</c> name to a connection string, as the Functions host
/// does from app settings; <c>UseDevelopmentStorage=true</c> means the Azurite this host uses.
/// </summary>
public sealed class StorageConnections(IConfiguration configuration)
{
    public const string DefaultConnectionName = "AzureWebJobsStorage";

    public string Resolve(string? connectionName)
    {
        var name = string.IsNullOrEmpty(connectionName) ? DefaultConnectionName : connectionName;
        var value = configuration[name] ?? configuration["AzureWebJobs" + name];
        if (string.IsNullOrEmpty(value))
        {
            throw new InvalidOperationException(
                $"Storage connection '{name}' is not set. Add it to local.settings.json (see local.settings.sample.json).");
        }

        return value;
    }

    /// <summary>True when a setting asks for the local emulator (or is missing, as on a fresh clone).</summary>
    public static bool MeansDevelopmentStorage(string? value) =>
        string.IsNullOrWhiteSpace(value) || value.Replace(" ", "", StringComparison.Ordinal)
            .Contains("UseDevelopmentStorage=true", StringComparison.OrdinalIgnoreCase);
}
