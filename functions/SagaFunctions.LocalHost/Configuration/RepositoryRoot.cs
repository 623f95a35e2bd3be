namespace SagaFunctions.LocalHost.Configuration;

/// <summary>The clone this host was built from: the folder holding SagaFunctions.sln.</summary>
public static class RepositoryRoot
{
    public static string? Find()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "SagaFunctions.sln")))
                {
                    return dir.FullName;
                }
            }
        }

        return null;
    }
}
