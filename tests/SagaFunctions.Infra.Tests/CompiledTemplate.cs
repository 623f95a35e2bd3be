using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace SagaFunctions.Infra.Tests;

/// <summary>One resource of the compiled template, with the (nested) template that declares it.</summary>
internal sealed record TemplateResource(string Type, JsonObject Body, JsonObject Template)
{
    public JsonObject Properties => Body["properties"] as JsonObject ?? [];

    public string Name => Body["name"]?.GetValue<string>() ?? string.Empty;

    public bool IsExisting => Body["existing"]?.GetValue<bool>() == true;

    /// <summary>The expression with variables('x') and variables('x').key replaced by their literal values.</summary>
    public string ResolveVariables(string expression) => TemplateExpressions.ResolveVariables(expression, Template);
}

internal static partial class TemplateExpressions
{
    [GeneratedRegex(@"variables\('(?<name>\w+)'\)(\.(?<key>\w+))?")]
    private static partial Regex VariableReference();

    public static string ResolveVariables(string expression, JsonObject template) =>
        VariableReference().Replace(expression, match =>
        {
            JsonNode? value = template["variables"]?[match.Groups["name"].Value];
            if (match.Groups["key"].Success)
            {
                value = value?[match.Groups["key"].Value];
            }

            return value is JsonValue literal && literal.TryGetValue<string>(out var text) ? $"'{text}'" : match.Value;
        });
}

/// <summary>infra-bicep/main.bicep compiled once (bicep build --stdout) and parsed.</summary>
public sealed class CompiledTemplate
{
    public CompiledTemplate()
    {
        Build = BicepCli.Run("build", RepoPaths.MainBicep, "--stdout");
        if (Build.ExitCode != 0 || string.IsNullOrWhiteSpace(Build.StdOut))
        {
            throw new InvalidOperationException(
                $"bicep build failed (exit {Build.ExitCode}):{Environment.NewLine}{Build.StdErr}");
        }

        Text = Build.StdOut;
        Root = JsonNode.Parse(Text)?.AsObject() ?? throw new InvalidOperationException("bicep build wrote no JSON object.");
        Resources = Flatten(Root).ToList();
    }

    internal BicepResult Build { get; }

    /// <summary>The ARM JSON as bicep wrote it.</summary>
    public string Text { get; }

    public JsonObject Root { get; }

    /// <summary>Every resource of the template and of its nested (module) templates.</summary>
    internal IReadOnlyList<TemplateResource> Resources { get; }

    internal IReadOnlyList<TemplateResource> OfType(string type) =>
        Resources.Where(r => string.Equals(r.Type, type, StringComparison.OrdinalIgnoreCase) && !r.IsExisting).ToList();

    internal TemplateResource Single(string type)
    {
        var matches = OfType(type);
        Assert.True(matches.Count == 1, $"Expected exactly one {type}, found {matches.Count}.");
        return matches[0];
    }

    internal TemplateResource FunctionApp => Single("Microsoft.Web/sites");

    /// <summary>The function app's app settings: name to value (expression or literal).</summary>
    internal IReadOnlyDictionary<string, string> AppSettings
    {
        get
        {
            var settings = FunctionApp.Properties["siteConfig"]?["appSettings"]?.AsArray()
                ?? throw new InvalidOperationException("The function app has no siteConfig.appSettings.");
            return settings.ToDictionary(
                s => s!["name"]!.GetValue<string>(),
                s => s!["value"] is JsonValue v && v.TryGetValue<string>(out var text) ? text : s["value"]?.ToJsonString() ?? string.Empty,
                StringComparer.Ordinal);
        }
    }

    /// <summary>The default value of a parameter of main.bicep.</summary>
    internal string? MainParameterDefault(string name) =>
        Root["parameters"]?[name]?["defaultValue"]?.ToString();

    private static IEnumerable<TemplateResource> Flatten(JsonObject template)
    {
        IEnumerable<JsonNode?> resources = template["resources"] switch
        {
            JsonArray array => array,
            JsonObject byName => byName.Select(p => p.Value), // languageVersion 2.0: symbolic names
            _ => [],
        };

        foreach (var node in resources.OfType<JsonObject>())
        {
            var type = node["type"]?.GetValue<string>() ?? string.Empty;
            yield return new TemplateResource(type, node, template);
            if (node["properties"]?["template"] is JsonObject nested)
            {
                foreach (var inner in Flatten(nested))
                {
                    yield return inner;
                }
            }
        }
    }
}

[CollectionDefinition(Name)]
public sealed class CompiledTemplateGroup : ICollectionFixture<CompiledTemplate>
{
    public const string Name = "compiled main.bicep";
}
