using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Queues;
using Microsoft.Extensions.Configuration;

namespace SagaFunctions.App.Platform.Storage;

/// <summary>
/// The storage account of the contexts' event streams, read models and integration queues
/// (setting <c>SagaStorage</c>): a connection string locally (Azurite), the managed identity in
/// Azure (<c>SagaStorage__tableServiceUri</c>, <c>__queueServiceUri</c>, <c>__credential</c>).
/// </summary>
public sealed class SagaStorage
{
    public const string ConnectionName = "SagaStorage";

    /// <summary>
    /// Heads the User-Agent of every request the app makes, so storage logs tell the app's requests
    /// from the durable backend's and the host's (the saga benchmark splits its request count by it).
    /// </summary>
    public const string ApplicationId = "SagaFunctions";

    public SagaStorage(IConfiguration configuration, IEnumerable<HttpPipelinePolicy> policies)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var tableOptions = new TableClientOptions();
        tableOptions.Diagnostics.ApplicationId = ApplicationId;
        // Queue triggers decode base64 by default (host.json messageEncoding), so send base64.
        var queueOptions = new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 };
        queueOptions.Diagnostics.ApplicationId = ApplicationId;
        foreach (var policy in policies)
        {
            tableOptions.AddPolicy(policy, HttpPipelinePosition.PerRetry);
            queueOptions.AddPolicy(policy, HttpPipelinePosition.PerRetry);
        }

        var connectionString = configuration[ConnectionName];
        if (!string.IsNullOrWhiteSpace(connectionString))
        {
            Tables = new TableServiceClient(connectionString, tableOptions);
            Queues = new QueueServiceClient(connectionString, queueOptions);
        }
        else
        {
            var section = configuration.GetSection(ConnectionName);
            var credential = CreateCredential(section);
            Tables = new TableServiceClient(RequiredUri(section, "tableServiceUri"), credential, tableOptions);
            Queues = new QueueServiceClient(RequiredUri(section, "queueServiceUri"), credential, queueOptions);
        }

        // Tests give each run fresh tables with a prefix; deployments leave it empty.
        TablePrefix = configuration[$"{ConnectionName}:TablePrefix"] ?? "";
    }

    public TableServiceClient Tables { get; }

    public QueueServiceClient Queues { get; }

    public string TablePrefix { get; }

    public TableClient Table(string name) => Tables.GetTableClient(TablePrefix + name);

    public QueueClient Queue(string name) => Queues.GetQueueClient(name);

    private static TokenCredential CreateCredential(IConfigurationSection section)
    {
        var clientId = section["clientId"];
        return string.IsNullOrEmpty(clientId) ? new DefaultAzureCredential() : new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId));
    }

    private static Uri RequiredUri(IConfigurationSection section, string key) =>
        Uri.TryCreate(section[key], UriKind.Absolute, out var uri)
            ? uri
            : throw new InvalidOperationException($"Set '{ConnectionName}' (a connection string) or '{ConnectionName}__{key}' (identity-based).");
}
