namespace TestClientTests;

/// <summary>The repository's workspace config (hackle.flags.json), which the generated accessors are made from.</summary>
internal static class TestWorkspace
{
    public static string Path => System.IO.Path.Combine(AppContext.BaseDirectory, "hackle.flags.json");

    public static HackleWorkspace Load() => HackleWorkspace.Load(Path);
}
