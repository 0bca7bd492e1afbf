using Hackle.Package.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Hackle.Package.Tests;

/// <summary>
/// HackleFlags_AccessorAssembly=true in a consumer of the packed package (see <see cref="AccessorAssemblyConsumer"/>): the
/// accessors compiled once into their own assembly decide exactly as the generated source does, are not recompiled
/// after an unrelated edit, are after a manifest edit, ship in bin/ and publish/, and a broken manifest still fails the
/// build once, at its line.
/// </summary>
[Collection(PackedPackageCollection.Name)]
public sealed class AccessorAssemblyTests(AccessorAssemblyConsumer consumer, ITestOutputHelper log) : IClassFixture<AccessorAssemblyConsumer>
{
    private ConsumerProject Project => consumer.Project;

    [Fact]
    public void AccessorsFromTheAccessorAssemblyDecideLikeTheRuntime()
    {
        var run = AssertBuiltAndRan();
        log.WriteLine($"restore + build: {consumer.FirstBuild.Elapsed.TotalSeconds:F1} s");
        Assert.NotNull(consumer.AfterFirstBuild);
        Assert.Contains(AccessorAssemblyConsumer.ProjectName + ".HackleFlags.dll", Directory.GetFiles(Project.OutputDirectory).Select(Path.GetFileName));

        // The same lines the source-generated accessors must print (ConsoleConsumerTests), computed by the runtime in-process.
        AssertLines(ExpectedDecisions(), DecisionLines(run), run);
        Assert.Contains("ready=True experiment-key=42 feature-key=7", run.Output);
        // The project's own generator emitted nothing: two copies of the accessors would warn (CS0436) or not compile.
        Assert.DoesNotContain("CS0436", consumer.FirstBuild.Output);
        // The pin in the HackleFlagNames file named the accessor (PinUse.cs compiled) and is not reported as unseen.
        Assert.DoesNotContain("HKF017", consumer.FirstBuild.Output);
        // The analyzers still run in the project (HKA103 at the planted client).
        Assert.Contains(": warning HKA103:", consumer.FirstBuild.Output);
    }

    [Fact]
    public void AnUnrelatedEditDoesNotRecompileTheAccessors()
    {
        Assert.True(consumer.UnrelatedEditBuild.Succeeded, consumer.UnrelatedEditBuild.ToString());
        log.WriteLine($"build after an unrelated edit: {consumer.UnrelatedEditBuild.Elapsed.TotalSeconds:F1} s");
        Assert.True(consumer.AppWrites.After > consumer.AppWrites.Before, "the app itself must have been recompiled");
        Assert.Equal(consumer.AfterFirstBuild, consumer.AfterUnrelatedEdit);
    }

    [Fact]
    public void AManifestEditRecompilesTheAccessors()
    {
        Assert.True(consumer.ManifestEditBuild.Succeeded, consumer.ManifestEditBuild.ToString());
        Assert.NotNull(consumer.AfterManifestEdit);
        Assert.NotEqual(consumer.AfterFirstBuild!.Mvid, consumer.AfterManifestEdit!.Mvid);
        Assert.True(consumer.AfterManifestEdit.LastWriteUtc > consumer.AfterFirstBuild.LastWriteUtc);

        // The new name is the API now, deciding as before (the key did not change).
        var run = consumer.ManifestEditRun!;
        Assert.True(run.Succeeded, run.ToString());
        AssertLines([ConsoleConsumer.DecisionLine("qa-tester-1", "B", "OVERRIDDEN", true, "INDIVIDUAL_TARGET_MATCH")], DecisionLines(run), run);
    }

    [Fact]
    public void PublishShipsTheAccessorAssembly()
    {
        Assert.True(consumer.Publish.Succeeded, consumer.Publish.ToString());
        Assert.Contains(AccessorAssemblyConsumer.ProjectName + ".HackleFlags.dll", consumer.PublishedFiles);
        var run = consumer.PublishedRun!;
        Assert.True(run.Succeeded, run.ToString());
        AssertLines(ExpectedDecisions(), DecisionLines(run), run);
    }

    [Fact]
    public async Task ABrokenManifestFailsTheBuildOnceWithHkf001AtItsLine()
    {
        var build = consumer.BrokenManifestBuild;
        Assert.False(build.Succeeded, "the build must fail\n" + build);
        var manifest = await File.ReadAllTextAsync(consumer.Feed.RepoManifestPath);
        var at = SourcePosition.Of(manifest, AccessorAssemblyConsumer.BrokenAfter);
        var comma = at with { Column = at.Column + AccessorAssemblyConsumer.BrokenAfter.Length };
        // The console logger prints each error twice (inline and in the summary): one distinct error, from one compilation.
        var errors = BuildOutput.Errors(build).Distinct().ToArray();
        var error = Assert.Single(errors);
        Assert.StartsWith($"{Project.ManifestPath}{comma}: error HKF001:", error);
    }

    [Fact]
    public void AnUnknownModeFailsTheBuildWithHkf012()
    {
        var error = Assert.Single(BuildOutput.Errors(consumer.UnknownModeBuild).Distinct());
        Assert.Contains("error HKF012: HackleFlags_AccessorAssembly is 'sometimes'", error);
    }

    [Fact]
    public void TheModeInASignedProjectFailsTheBuildWithHkf012InsteadOfCs8002()
    {
        var error = Assert.Single(BuildOutput.Errors(consumer.SignedBuild).Distinct());
        Assert.Contains("error HKF012: HackleFlags_AccessorAssembly is 'true' but the project is signed", error);
    }

    private string[] ExpectedDecisions()
    {
        var workspace = HackleWorkspace.Load(consumer.Feed.RepoManifestPath);
        using var client = HackleClient.Create("e2e-expected", new HackleClientOptions { Offline = true, Workspace = workspace });
        return ConsoleConsumer.Users.Select(arg =>
        {
            var parts = arg.Split(';');
            var user = new HackleUser(parts[0]);
            foreach (var property in parts[1..])
            {
                var pair = property.Split('=', 2);
                user.Properties[pair[0]] = pair[1];
            }
            var variation = client.VariationDetail(42, user);
            var flag = client.FeatureFlagDetail(7, user);
            return ConsoleConsumer.DecisionLine(parts[0], variation.VariationKey, variation.Reason.ToWireName(), flag.IsOn, flag.Reason.ToWireName());
        }).ToArray();
    }

    private ProcessResult AssertBuiltAndRan()
    {
        Assert.True(consumer.FirstBuild.Succeeded, consumer.FirstBuild.ToString());
        var run = consumer.FirstRun!;
        Assert.True(run.Succeeded, run.ToString());
        return run;
    }

    private static string[] DecisionLines(ProcessResult run) =>
        run.Output.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.StartsWith("decision ", StringComparison.Ordinal)).ToArray();

    private static void AssertLines(IReadOnlyList<string> expected, IReadOnlyList<string> actual, ProcessResult run)
    {
        if (!expected.SequenceEqual(actual))
            Assert.Fail($"expected:\n{string.Join('\n', expected)}\nactual:\n{string.Join('\n', actual)}\n\n{run}");
    }
}
