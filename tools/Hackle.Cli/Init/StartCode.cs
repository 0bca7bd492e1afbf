using Hackle.Cli.Diff;

namespace Hackle.Cli.Init;

/// <summary>The two lines <c>hackle init</c> prints: create the client, ask a typed accessor.</summary>
internal static class StartCode
{
    public static IEnumerable<string> Lines(string packageId, string manifestPath)
    {
        var accessor = "var variation = Experiments." + FirstExperimentName(manifestPath);
        var decision = accessor + ".Variation(new HackleUser(userId));";
        if (packageId == ProjectEditor.HostingPackage)
        {
            decision = accessor + ".Variation(hackle, new HackleUser(userId));";
            return
            [
                "builder.Services.AddHackle();   // Program.cs: binds the \"Hackle\" section (Hackle:SdkKey, e.g. from Hackle__SdkKey)",
                decision + "   // hackle: an injected IHackleClient",
            ];
        }
        return
        [
            "using var client = HackleClient.Create(Environment.GetEnvironmentVariable(\"HACKLE_SDK_KEY\")!);   // once per process",
            decision,
        ];
    }

    /// <summary>The accessor name of the first experiment, approximately as the generator forms it (words joined, first letters upper-cased).</summary>
    private static string FirstExperimentName(string manifestPath)
    {
        try
        {
            var snapshot = ManifestSnapshotReader.ReadFile(manifestPath, Path.GetFileName(manifestPath));
            var first = snapshot.Experiments.Values.FirstOrDefault();
            if (first is null) return "Checkout";
            if (string.IsNullOrWhiteSpace(first.Name)) return "Experiment" + first.Key;
            var words = first.Name.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)
                .SelectMany(w => w.Split(['_', '-', '.'], StringSplitOptions.RemoveEmptyEntries))
                .Select(w => char.ToUpperInvariant(w[0]) + w[1..]);
            var name = string.Concat(words.Select(w => new string(w.Where(char.IsLetterOrDigit).ToArray())));
            return name.Length == 0 || char.IsDigit(name[0]) ? "_" + name : name;
        }
        catch (ManifestException)
        {
            return "Checkout";
        }
    }
}
