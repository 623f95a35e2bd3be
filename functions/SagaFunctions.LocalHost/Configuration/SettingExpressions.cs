using System.Text.RegularExpressions;

namespace SagaFunctions.LocalHost.Configuration;

/// <summary>Resolves <c>%Setting%</c> binding expressions (queue names, schedules) from app settings.</summary>
public static partial class SettingExpressions
{
    public static string Resolve(string expression, IConfiguration configuration) =>
        SettingPattern().Replace(expression, m =>
            configuration[m.Groups[1].Value.Replace("__", ":", StringComparison.Ordinal)]
            ?? throw new InvalidOperationException($"Binding expression '{expression}' names setting '{m.Groups[1].Value}', which is not set."));

    [GeneratedRegex("%([^%]+)%")]
    private static partial Regex SettingPattern();
}
