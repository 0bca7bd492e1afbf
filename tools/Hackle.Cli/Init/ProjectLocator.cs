namespace Hackle.Cli.Init;

/// <summary>Finds the project <c>hackle init</c> works on.</summary>
internal static class ProjectLocator
{
    /// <summary>The .csproj at or in <paramref name="path"/>; null with the problem and its exit code otherwise.</summary>
    public static string? Find(string path, out string problem, out int exitCode)
    {
        problem = "";
        exitCode = ExitCodes.Success;
        if (File.Exists(path))
        {
            if (path.EndsWith(".csproj", StringComparison.OrdinalIgnoreCase)) return path;
            problem = $"{path} is not a .csproj file.";
            exitCode = ExitCodes.Usage;
            return null;
        }
        if (!Directory.Exists(path))
        {
            problem = $"{path} does not exist.";
            exitCode = ExitCodes.InvalidInput;
            return null;
        }
        var projects = Directory.GetFiles(path, "*.csproj").Order(StringComparer.Ordinal).ToArray();
        if (projects.Length == 1) return projects[0];
        if (projects.Length == 0)
        {
            problem = $"no .csproj in {path}. Run 'hackle init' in a project directory, or pass --project path/to/App.csproj (create one with 'dotnet new console').";
            exitCode = ExitCodes.InvalidInput;
            return null;
        }
        problem = $"{path} has {projects.Length} projects ({string.Join(", ", projects.Select(Path.GetFileName))}); choose one with --project.";
        exitCode = ExitCodes.Usage;
        return null;
    }
}
