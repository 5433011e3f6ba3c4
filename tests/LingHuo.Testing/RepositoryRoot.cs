namespace LingHuo.Testing;

/// <summary>The checkout the tests run from: the folder that holds the solution.</summary>
public static class RepositoryRoot
{
    public static string Path { get; } = Find();

    public static string File(string relative) => System.IO.Path.Combine(Path, relative);

    private static string Find()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !System.IO.File.Exists(System.IO.Path.Combine(directory.FullName, "LingHuo.Orleans.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("The repository root (LingHuo.Orleans.sln) was not found above " + AppContext.BaseDirectory);
    }
}
