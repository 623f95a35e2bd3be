namespace SagaFunctions.Infra.Tests;

/// <summary>main.bicep compiles and lints clean, offline, under infra-bicep/bicepconfig.json.</summary>
public sealed class BicepBuildTests
{
    [Fact]
    public void Build_of_main_bicep_succeeds_without_any_diagnostic()
    {
        var result = BicepCli.Run("build", RepoPaths.MainBicep, "--stdout");

        Assert.True(result.ExitCode == 0, $"bicep build exited {result.ExitCode}:{Environment.NewLine}{result.StdErr}");
        Assert.Empty(result.Diagnostics);
        Assert.True(string.IsNullOrWhiteSpace(result.StdErr), $"bicep build wrote to stderr:{Environment.NewLine}{result.StdErr}");
        Assert.StartsWith("{", result.StdOut.TrimStart(), StringComparison.Ordinal);
    }

    [Fact]
    public void Lint_of_main_bicep_and_its_modules_reports_nothing()
    {
        var result = BicepCli.Run("lint", RepoPaths.MainBicep);

        Assert.True(result.ExitCode == 0, $"bicep lint exited {result.ExitCode}:{Environment.NewLine}{result.StdErr}");
        Assert.Empty(result.Diagnostics);
        Assert.True(string.IsNullOrWhiteSpace(result.StdErr), $"bicep lint wrote to stderr:{Environment.NewLine}{result.StdErr}");
    }

    [Fact]
    public void Every_bicep_file_in_infra_bicep_lints_clean_on_its_own()
    {
        var files = Directory.GetFiles(RepoPaths.InfraFolder, "*.bicep", SearchOption.AllDirectories);
        Assert.Contains(files, f => f.EndsWith(Path.Combine("app", "api.bicep"), StringComparison.Ordinal));

        foreach (var file in files)
        {
            var result = BicepCli.Run("lint", file);
            Assert.True(
                result.ExitCode == 0 && result.Diagnostics.Count == 0,
                $"bicep lint {Path.GetRelativePath(RepoPaths.Root, file)} exited {result.ExitCode}:{Environment.NewLine}{result.StdErr}");
        }
    }

    [Fact]
    public void The_linter_configuration_turns_a_rule_violation_into_a_failed_build()
    {
        // A copy of bicepconfig.json next to a file that breaks no-unused-params: the build
        // must report it, so "no diagnostics" above means the rules really ran.
        var folder = Directory.CreateTempSubdirectory("infra-lint-probe-");
        try
        {
            File.Copy(RepoPaths.BicepConfig, Path.Combine(folder.FullName, "bicepconfig.json"));
            var probe = Path.Combine(folder.FullName, "probe.bicep");
            File.WriteAllText(probe, "param unused string\n\noutput answer int = 42\n");

            var result = BicepCli.Run("build", probe, "--stdout");

            Assert.Contains(result.Diagnostics, d => d.Contains("no-unused-params", StringComparison.Ordinal));
            Assert.NotEqual(0, result.ExitCode);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
