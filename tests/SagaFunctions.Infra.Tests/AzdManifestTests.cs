namespace SagaFunctions.Infra.Tests;

/// <summary>azure.yaml (azd up) points at this infrastructure and at the function app project.</summary>
public sealed class AzdManifestTests
{
    private static string[] Lines() =>
        File.ReadAllLines(Path.Combine(RepoPaths.Root, "azure.yaml"))
            .Where(l => !l.TrimStart().StartsWith('#') && !string.IsNullOrWhiteSpace(l))
            .ToArray();

    private static string ValueOf(string[] lines, string key) =>
        lines.Select(l => l.Trim())
            .Where(l => l.StartsWith(key + ":", StringComparison.Ordinal))
            .Select(l => l[(key.Length + 1)..].Trim())
            .Single();

    [Fact]
    public void Infra_is_the_bicep_main_of_infra_bicep()
    {
        var lines = Lines();

        Assert.Equal("bicep", ValueOf(lines, "provider"));
        Assert.Equal("infra-bicep", ValueOf(lines, "path"));
        Assert.Equal("main", ValueOf(lines, "module"));
        Assert.True(File.Exists(Path.Combine(RepoPaths.Root, ValueOf(lines, "path"), ValueOf(lines, "module") + ".bicep")));
    }

    [Fact]
    public void Service_api_is_the_dotnet_function_app_project_tagged_in_the_template()
    {
        var lines = Lines();

        Assert.Contains("  api:", lines);
        Assert.Equal("dotnet", ValueOf(lines, "language"));
        Assert.Equal("function", ValueOf(lines, "host"));
        var project = Path.Combine(RepoPaths.Root, ValueOf(lines, "project"));
        Assert.True(File.Exists(Path.Combine(project, "SagaFunctions.App.csproj")), $"No SagaFunctions.App.csproj in {project}.");
        Assert.Contains("serviceName: 'api'", File.ReadAllText(RepoPaths.MainBicep), StringComparison.Ordinal);
    }

    [Fact]
    public void Parameters_file_feeds_the_azd_environment_name_and_location()
    {
        var parameters = File.ReadAllText(Path.Combine(RepoPaths.InfraFolder, "main.parameters.json"));

        Assert.Contains("${AZURE_ENV_NAME}", parameters, StringComparison.Ordinal);
        Assert.Contains("${AZURE_LOCATION}", parameters, StringComparison.Ordinal);

        var declared = File.ReadAllLines(RepoPaths.MainBicep)
            .Where(l => l.StartsWith("param ", StringComparison.Ordinal))
            .Select(l => l.Split(' ')[1])
            .ToHashSet(StringComparer.Ordinal);
        var supplied = System.Text.Json.Nodes.JsonNode.Parse(parameters)?["parameters"]?.AsObject().Select(p => p.Key).ToList();
        Assert.NotNull(supplied);
        Assert.NotEmpty(supplied);
        Assert.All(supplied, name => Assert.Contains(name, declared));
    }
}
