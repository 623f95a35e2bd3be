namespace SagaFunctions.Infra.Tests;

/// <summary>Paths in the repository, found from the test assembly's folder.</summary>
internal static class RepoPaths
{
    private static readonly Lazy<string> RootPath = new(FindRoot);

    /// <summary>The folder holding SagaFunctions.sln.</summary>
    public static string Root => RootPath.Value;

    public static string InfraFolder => Path.Combine(Root, "infra-bicep");

    public static string MainBicep => Path.Combine(InfraFolder, "main.bicep");

    public static string BicepConfig => Path.Combine(InfraFolder, "bicepconfig.json");

    public static string LocalSettingsSample => Path.Combine(Root, "local.settings.sample.json");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "SagaFunctions.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException(
            $"No folder above {AppContext.BaseDirectory} holds SagaFunctions.sln.");
    }
}
