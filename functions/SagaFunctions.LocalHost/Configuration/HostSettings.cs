using Microsoft.Azure.Functions.Worker;
using SagaFunctions.LocalHost.Discovery;

namespace SagaFunctions.LocalHost.Configuration;

/// <summary>The settings a host (or a cluster of hosts) runs with, gathered as the Functions host gathers app settings.</summary>
public static class HostSettings
{
    /// <summary>local.settings.json values, then environment variables, then the options' overrides.</summary>
    public static Dictionary<string, string?> Collect(LocalHostOptions options)
    {
        var settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        if (LocalSettings.Locate() is { } file)
        {
            foreach (var (key, value) in LocalSettings.ReadValues(file))
            {
                settings[key] = value;
            }
        }

        foreach (System.Collections.DictionaryEntry variable in Environment.GetEnvironmentVariables())
        {
            var key = ((string)variable.Key).Replace("__", ":", StringComparison.Ordinal);
            if (settings.ContainsKey(key))
            {
                settings[key] = (string?)variable.Value;
            }
        }

        foreach (var (key, value) in options.Settings)
        {
            settings[key.Replace("__", ":", StringComparison.Ordinal)] = value;
        }

        return settings;
    }

    public static List<string> StorageSettingNames(IDictionary<string, string?> settings, IEnumerable<FunctionDescriptor> functions) =>
        settings.Where(s => !string.IsNullOrWhiteSpace(s.Value) && StorageConnections.MeansDevelopmentStorage(s.Value)).Select(s => s.Key)
            .Append(StorageConnections.DefaultConnectionName)
            .Concat(functions.Where(f => f.Trigger.Kind is BindingKind.QueueTrigger)
                .Select(f => f.TriggerAttribute<QueueTriggerAttribute>().Connection ?? StorageConnections.DefaultConnectionName))
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToList();
}
