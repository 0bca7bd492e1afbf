using Hackle.Package.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Hackle.Package.Tests;

[Collection(PackedPackageCollection.Name)]
public sealed class ConsoleConsumerTests(ConsoleConsumer console, ITestOutputHelper log) : IClassFixture<ConsoleConsumer>
{
    private const long CheckoutKey = 42;
    private const long NewCheckoutKey = 7;

    private ConsumerProject Project => console.Project;

    [Fact]
    public void GeneratedAccessorsDecideLikeTheRuntimeOffline()
    {
        var run = AssertBuiltAndRan();

        // The same decisions computed here, in-process, by the runtime from the repository's manifest: the
        // packed runtime and generated code must agree with it for every user, bucketed or not.
        var workspace = HackleWorkspace.Load(console.Feed.RepoManifestPath);
        using var client = HackleClient.Create("e2e-expected", new HackleClientOptions { Offline = true, Workspace = workspace });
        var expected = ConsoleConsumer.Users.Select(arg =>
        {
            var user = ParseUser(arg);
            var variation = client.VariationDetail(CheckoutKey, user);
            var flag = client.FeatureFlagDetail(NewCheckoutKey, user);
            return ConsoleConsumer.DecisionLine(arg.Split(';')[0], variation.VariationKey, variation.Reason.ToWireName(), flag.IsOn, flag.Reason.ToWireName());
        }).ToArray();

        // Bucketed users must not all land in one variation, or agreeing with the runtime would prove little.
        var bucketed = expected.Where(l => l.Contains(":TRAFFIC_ALLOCATED ", StringComparison.Ordinal)).ToArray();
        Assert.True(bucketed.Select(l => l.Split(' ')[2].Split('|')[0]).Distinct().Count() >= 2,
            "test data: the plain users should spread over variations\n" + string.Join('\n', expected));

        AssertLines(expected, DecisionLines(run), run);
        Assert.Contains($"ready=True experiment-key={CheckoutKey} feature-key={NewCheckoutKey}", run.Output);
    }

    [Fact]
    public void KnownUsersGetTheirOverridesAndTargetedDecisions()
    {
        var lines = DecisionLines(AssertBuiltAndRan());

        // Written out from the manifest rather than computed, so a runtime bug cannot hide behind itself.
        Assert.Contains(ConsoleConsumer.DecisionLine("qa-tester-1", "B", "OVERRIDDEN", true, "INDIVIDUAL_TARGET_MATCH"), lines);
        Assert.Single(lines, l => l.StartsWith("decision staff-1 checkout=C|C:OVERRIDDEN ", StringComparison.Ordinal));
        Assert.Single(lines, l => l.StartsWith("decision gold-7 ", StringComparison.Ordinal) && l.EndsWith(" newcheckout=on|on:TARGET_RULE_MATCH", StringComparison.Ordinal));
        Assert.Single(lines, l => l.StartsWith("decision vip-3 ", StringComparison.Ordinal) && l.EndsWith(" newcheckout=on|on:TARGET_RULE_MATCH", StringComparison.Ordinal));
        Assert.Single(lines, l => l.StartsWith("decision silver-2 ", StringComparison.Ordinal) && !l.Contains("TARGET_RULE_MATCH", StringComparison.Ordinal));
    }

    [Fact]
    public void UndisposedLocalClientIsReportedAsHka103AtItsLine()
    {
        Assert.True(console.FirstBuild.Succeeded, console.FirstBuild.ToString());
        var position = SourcePosition.Of(ConsoleConsumer.ProgramSource("Checkout"), ConsoleConsumer.UndisposedClientMarker);

        // Only there: the `await using` client and the rest of the app get no client warning.
        var reported = BuildOutput.AssertOnlyClientWarningAt(console.FirstBuild, "HKA103", Project.PathOf("Program.cs"), position);
        Assert.Contains("'leaked'", reported);
    }

    [Fact]
    public async Task ManifestWithASyntaxErrorFailsTheBuildWithHkf001AtItsLine()
    {
        Assert.True(console.FirstBuild.Succeeded, console.FirstBuild.ToString());
        var manifest = await File.ReadAllTextAsync(console.Feed.RepoManifestPath);
        // A doubled comma after the experiment key: strict JSON expects a property name there.
        const string Good = "\"key\": 42,";
        var broken = ReplaceOnce(manifest, Good, Good + ",");
        var at = SourcePosition.Of(manifest, Good);
        var comma = at with { Column = at.Column + Good.Length };
        Project.Write("Program.cs", ConsoleConsumer.ProgramSource("Checkout"));
        Project.Write("hackle.flags.json", broken);

        var build = await Project.BuildAsync(restore: false);
        log.WriteLine($"broken manifest build: {build.Elapsed.TotalSeconds:F1} s");

        Assert.False(build.Succeeded, "the build must fail\n" + build);
        Assert.True(build.Output.Contains($"{Project.ManifestPath}{comma}: error HKF001:", StringComparison.Ordinal),
            $"expected HKF001 at hackle.flags.json{comma}\n{build}");
    }

    [Fact]
    public async Task RenamingAnExperimentInTheManifestChangesTheGeneratedApiOnTheNextBuild()
    {
        Assert.True(console.FirstBuild.Succeeded, console.FirstBuild.ToString());
        var manifest = await File.ReadAllTextAsync(console.Feed.RepoManifestPath);
        Project.Write("hackle.flags.json", ReplaceOnce(manifest, "\"name\": \"Checkout\",", "\"name\": \"CheckoutFlow\","));

        // Only the manifest changed: code still using the old name must stop compiling.
        Project.Write("Program.cs", ConsoleConsumer.ProgramSource("Checkout"));
        var stale = await Project.BuildAsync(restore: false);
        log.WriteLine($"renamed manifest, old code: {stale.Elapsed.TotalSeconds:F1} s");
        Assert.False(stale.Succeeded, "code using the old name must not compile\n" + stale);
        var errors = BuildOutput.Errors(stale);
        // CS0117 where a member of Experiments.Checkout is called, CS0426 where its Variant type is named.
        Assert.True(errors.Length > 0
            && errors.Any(e => e.Contains(": error CS0117: 'Experiments' does not contain a definition for 'Checkout'", StringComparison.Ordinal))
            && errors.All(e => e.StartsWith(Project.PathOf("Program.cs") + "(", StringComparison.Ordinal)
                && (e.Contains(": error CS0117: 'Experiments' does not contain a definition for 'Checkout'", StringComparison.Ordinal)
                    || e.Contains(": error CS0426: The type name 'Checkout' does not exist in the type 'Experiments'", StringComparison.Ordinal))),
            "expected only 'Experiments has no Checkout' errors in Program.cs\n" + stale);
        Assert.DoesNotContain("HKF001", stale.Output);

        // Code using the new name compiles and decides as before: the key (42) did not change.
        Project.Write("Program.cs", ConsoleConsumer.ProgramSource("CheckoutFlow"));
        var renamed = await Project.BuildAsync(restore: false);
        log.WriteLine($"renamed manifest, new code: {renamed.Elapsed.TotalSeconds:F1} s");
        Assert.True(renamed.Succeeded, renamed.ToString());
        var run = await Project.RunAsync("qa-tester-1");
        Assert.True(run.Succeeded, run.ToString());
        Assert.Contains($"ready=True experiment-key={CheckoutKey} ", run.Output);
        AssertLines([ConsoleConsumer.DecisionLine("qa-tester-1", "B", "OVERRIDDEN", true, "INDIVIDUAL_TARGET_MATCH")], DecisionLines(run), run);
    }

    private ProcessResult AssertBuiltAndRan()
    {
        Assert.True(console.FirstBuild.Succeeded, console.FirstBuild.ToString());
        log.WriteLine($"pack: {console.Feed.Pack.Elapsed.TotalSeconds:F1} s; console restore+build: {console.FirstBuild.Elapsed.TotalSeconds:F1} s");
        var run = console.FirstRun!;
        Assert.True(run.Succeeded, run.ToString());
        return run;
    }

    private static HackleUser ParseUser(string arg)
    {
        var parts = arg.Split(';');
        var user = new HackleUser(parts[0]);
        foreach (var property in parts[1..])
        {
            var pair = property.Split('=', 2);
            user.Properties[pair[0]] = pair[1];
        }
        return user;
    }

    private static string[] DecisionLines(ProcessResult run) =>
        run.Output.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.StartsWith("decision ", StringComparison.Ordinal)).ToArray();

    private static void AssertLines(IReadOnlyList<string> expected, IReadOnlyList<string> actual, ProcessResult run)
    {
        if (!expected.SequenceEqual(actual))
            Assert.Fail($"expected:\n{string.Join('\n', expected)}\nactual:\n{string.Join('\n', actual)}\n\n{run}");
    }

    private static string ReplaceOnce(string text, string from, string to)
    {
        SourcePosition.Of(text, from);   // throws unless it occurs exactly once
        return text.Replace(from, to, StringComparison.Ordinal);
    }
}
