using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace SagaFunctions.Infra.Tests;

/// <summary>infra-bicep/bicepconfig.json keeps every linter rule at warning or error, and the
/// templates need no registry and suppress nothing but the one documented diagnostic.</summary>
public sealed partial class BicepConfigTests
{
    // Every core rule of the Bicep linter (bicepconfig.schema.json of the Bicep CLI line we pin),
    // including the ones that are off or info by default.
    private static readonly string[] CoreRules =
    [
        "adminusername-should-not-be-literal", "artifacts-parameters", "decompiler-cleanup",
        "explicit-values-for-loc-params", "max-asserts", "max-outputs", "max-params", "max-resources",
        "max-variables", "nested-deployment-template-scoping", "no-conflicting-metadata",
        "no-deployments-resources", "no-explicit-any", "no-hardcoded-env-urls", "no-hardcoded-location",
        "no-loc-expr-outside-params", "no-unnecessary-dependson", "no-unused-existing-resources",
        "no-unused-imports", "no-unused-params", "no-unused-vars", "outputs-should-not-contain-secrets",
        "prefer-interpolation", "prefer-unquoted-property-names", "protect-commandtoexecute-secrets",
        "secure-parameter-default", "secure-params-in-nested-deploy", "secure-secrets-in-params",
        "simplify-interpolation", "simplify-json-null", "stacks-extensibility-compat", "use-parent-property",
        "use-recent-api-versions", "use-recent-az-powershell-version", "use-recent-module-versions",
        "use-resource-id-functions", "use-resource-symbol-reference", "use-safe-access",
        "use-secure-value-for-secure-inputs", "use-stable-resource-identifiers", "use-stable-vm-image",
        "use-user-defined-types", "what-if-short-circuiting",
    ];

    [GeneratedRegex(@"#disable-(next-line|diagnostics)\s+(?<codes>[^\r\n]+)")]
    private static partial Regex Suppression();

    [GeneratedRegex(@"['""](br|ts)[:/]", RegexOptions.IgnoreCase)]
    private static partial Regex RegistryReference();

    private static JsonObject Config() =>
        JsonNode.Parse(File.ReadAllText(RepoPaths.BicepConfig))!.AsObject();

    [Fact]
    public void The_core_analyzer_is_enabled()
    {
        var core = Config()["analyzers"]?["core"];

        Assert.NotNull(core);
        Assert.NotEqual(false, core["enabled"]?.GetValue<bool>());
    }

    [Fact]
    public void Every_core_linter_rule_is_configured_at_warning_or_error()
    {
        var rules = Config()["analyzers"]?["core"]?["rules"]?.AsObject();
        Assert.NotNull(rules);

        var missing = CoreRules.Where(rule => !rules.ContainsKey(rule)).ToList();
        Assert.True(missing.Count == 0, $"bicepconfig.json leaves these rules at their default level: {string.Join(", ", missing)}");

        foreach (var (rule, settings) in rules)
        {
            var level = settings?["level"]?.GetValue<string>();
            Assert.True(level is "warning" or "error", $"Rule {rule} is at level '{level}', not warning or error.");
        }
    }

    [Fact]
    public void The_templates_use_no_registry_or_template_spec_modules()
    {
        foreach (var file in Directory.GetFiles(RepoPaths.InfraFolder, "*.bicep", SearchOption.AllDirectories))
        {
            Assert.DoesNotMatch(RegistryReference(), File.ReadAllText(file));
        }

        Assert.Null(Config()["moduleAliases"]);
    }

    [Fact]
    public void The_only_suppressed_diagnostic_is_what_if_short_circuiting_on_the_role_principal()
    {
        var suppressions = Directory.GetFiles(RepoPaths.InfraFolder, "*.bicep", SearchOption.AllDirectories)
            .SelectMany(file => File.ReadAllLines(file).Select((line, i) => (file, i, line)))
            .Select(x => (x.file, x.i, match: Suppression().Match(x.line)))
            .Where(x => x.match.Success)
            .ToList();

        var (file, index, match) = Assert.Single(suppressions);
        Assert.Equal("main.bicep", Path.GetFileName(file));
        Assert.Equal("next-line", match.Groups[1].Value);
        Assert.Equal("what-if-short-circuiting", match.Groups["codes"].Value.Trim());
        var next = File.ReadAllLines(file)[index + 1].Trim();
        Assert.StartsWith("principalId: api.outputs.principalId", next, StringComparison.Ordinal);
    }
}
