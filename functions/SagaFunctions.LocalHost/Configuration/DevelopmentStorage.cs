using SagaFunctions.Azurite;

namespace SagaFunctions.LocalHost.Configuration;

/// <summary>
/// Makes sure the storage the settings name is there: when a setting says
/// <c>UseDevelopmentStorage=true</c> (or nothing is set), use an Azurite already answering on
/// the default ports, or start the pinned one; then point those settings at it explicitly.
/// </summary>
public static class DevelopmentStorage
{
    public static async Task<AzuriteProcess?> EnsureAsync(IDictionary<string, string?> settings, IReadOnlyCollection<string> connectionNames, string? dataFolder, ILogger logger, CancellationToken cancellationToken)
    {
        var wanting = connectionNames.Where(n => StorageConnections.MeansDevelopmentStorage(settings.TryGetValue(n, out var v) ? v : null)).ToList();
        if (wanting.Count == 0)
        {
            return null;
        }

        AzuriteProcess? started = null;
        var endpoints = AzuriteEndpoints.Default;
        var answering = await Task.WhenAll(endpoints.Ports.Select(p => PortProbe.AnswersAsync(p, cancellationToken)));
        if (answering.All(a => a))
        {
            LogUsingRunning(logger, endpoints.TablePort, null);
        }
        else if (answering.Any(a => a))
        {
            throw new InvalidOperationException(
                $"Some of the Azurite ports {string.Join(", ", endpoints.Ports)} are taken by something else; free them or set AzureWebJobsStorage.");
        }
        else
        {
            var folder = dataFolder ?? Path.Combine(RepositoryRoot.Find() ?? AppContext.BaseDirectory, ".azurite");
            LogStarting(logger, folder, null);
            started = await AzuriteProcess.StartAsync(endpoints, folder, cancellationToken: cancellationToken);
        }

        foreach (var name in wanting)
        {
            settings[name] = endpoints.ConnectionString;
        }

        return started;
    }

    private static readonly Action<ILogger, int, Exception?> LogUsingRunning =
        LoggerMessage.Define<int>(LogLevel.Information, new EventId(1, "AzuriteRunning"), "Using the storage emulator already answering on loopback (table port {Port})");

    private static readonly Action<ILogger, string, Exception?> LogStarting =
        LoggerMessage.Define<string>(LogLevel.Information, new EventId(2, "AzuriteStarting"), "Starting Azurite (data in {Folder})");
}
