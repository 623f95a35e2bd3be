using System.Text.Json.Nodes;

namespace SagaFunctions.LocalHost.Configuration;

/// <summary>
/// Reads the <c>Values</c> of local.settings.json the way Core Tools does: each value becomes an
/// environment-style setting, so <c>Saga__StepTimeout</c> is read as <c>Saga:StepTimeout</c>, as in Azure.
/// </summary>
public static class LocalSettings
{
    /// <summary>
    /// local.settings.json from the working folder or the repository root; else the checked-in
    /// sample (which holds Azurite defaults and no secrets).
    /// </summary>
    public static string? Locate()
    {
        var candidates = new List<string> { Path.Combine(Directory.GetCurrentDirectory(), "local.settings.json") };
        if (RepositoryRoot.Find() is { } root)
        {
            candidates.Add(Path.Combine(root, "local.settings.json"));
            candidates.Add(Path.Combine(root, "local.settings.sample.json"));
        }

        candidates.Add(Path.Combine(AppContext.BaseDirectory, "local.settings.sample.json"));
        return candidates.FirstOrDefault(File.Exists);
    }

    public static IReadOnlyDictionary<string, string?> ReadValues(string path)
    {
        var values = JsonNode.Parse(File.ReadAllText(path))?["Values"] as JsonObject;
        var settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in values ?? [])
        {
            settings[key.Replace("__", ":", StringComparison.Ordinal)] = value?.ToString();
        }

        return settings;
    }
}
