using Hackle.Package.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Hackle.Package.Tests;

/// <summary>
/// The packaged MSBuild switches and severities do what README's options table, docs/manifest.md, docs/generator.md
/// and docs/diagnostics.md say, in a consumer of the packed package (see <see cref="SwitchedConsumer"/>).
/// </summary>
[Collection(PackedPackageCollection.Name)]
public sealed class BuildSwitchTests(SwitchedConsumer consumer, ITestOutputHelper log) : IClassFixture<SwitchedConsumer>
{
    private ConsumerProject Project => consumer.Project;

    [Fact]
    public void SeverityErrorFailsTheBuildOnThoseRulesAndNoneSilencesOne()
    {
        var build = consumer.SeveritiesAsErrors;
        log.WriteLine($"restore + build: {build.Elapsed.TotalSeconds:F1} s");
        Assert.False(build.Succeeded, "HKA103 and HKF009 set to error must fail the build\n" + build);

        // HKA103 (a warning by default) is an error at the planted client; HKF009 (info by default, never printed
        // by dotnet build) is an error at the finished items of the manifest; nothing else is an error.
        var program = Project.PathOf("Program.cs");
        var leaked = SourcePosition.Of(SwitchedConsumer.ProgramSource, SwitchedConsumer.UndisposedClientMarker);
        var manifest = Path.GetFullPath(Project.PathOf(SwitchedConsumer.ManifestFile));
        var errors = BuildOutput.Errors(build);
        Assert.True(errors.Length > 0 && errors.All(e =>
                e.StartsWith($"{program}{leaked}: error HKA103:", StringComparison.Ordinal)
                || (e.StartsWith(manifest + "(", StringComparison.Ordinal) && e.Contains(": error HKF009:", StringComparison.Ordinal))),
            "expected only HKA103 at the leaked client and HKF009 in flags/prod.json as errors\n" + build);
        Assert.Contains(errors, e => e.Contains(": error HKA103:", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains(": error HKF009:", StringComparison.Ordinal) && e.Contains("Onboarding Tour", StringComparison.Ordinal));

        // HKA107 (a warning by default, for the planted key 999) is off in every build.
        Assert.Empty(BuildOutput.Diagnostics(build, "HKA107"));
        Assert.Empty(BuildOutput.Diagnostics(consumer.SeveritiesRelaxed, "HKA107"));
    }

    [Fact]
    public void SeverityNoneSilencesARuleAndWarningShowsAnInfoRule()
    {
        var build = consumer.SeveritiesRelaxed;
        Assert.True(build.Succeeded, build.ToString());
        Assert.Empty(BuildOutput.Diagnostics(build, "HKA"));
        var manifest = Path.GetFullPath(Project.PathOf(SwitchedConsumer.ManifestFile));
        var finished = BuildOutput.Diagnostics(build, "HKF009");
        Assert.True(finished.Length > 0 && finished.All(l => l.StartsWith(manifest + "(", StringComparison.Ordinal) && l.Contains(": warning HKF009:", StringComparison.Ordinal)),
            "expected HKF009 as warnings in flags/prod.json\n" + build);
    }

    [Fact]
    public void HackleFlagsManifestNamesTheManifestThatIsUsed()
    {
        var run = AssertRan();
        // Only flags/prod.json has CheckoutProd (the hackle.flags.json beside the project has Checkout), and its
        // override for qa-tester-1 decides B, here named after the variation.
        Assert.Contains("decision=OnePageCheckout newcheckout=True ", run.Output);
        Assert.Contains($"experiments={SwitchedConsumer.RenamedExperiment},SearchRanking\n", Lines(run));
    }

    [Fact]
    public void HackleFlagsOptionsShapeTheGeneratedCode()
    {
        var run = AssertRan();
        var output = Lines(run);
        // _Namespace, _Accessibility and the four class names.
        Assert.Contains("generated=AbTests:public,Keys:public,Settings:public,Toggles:public\n", output);
        Assert.Contains("keys-class=Keys settings-class=Settings", output);
        // _EmitArchived=omit: the completed experiment (Onboarding Tour) and the paused flag (DarkMode) are left out.
        Assert.Contains($"experiments={SwitchedConsumer.RenamedExperiment},SearchRanking\n", output);
        Assert.Contains("features=NewCheckout\n", output);
        // _VariantNames=name: enum members from the variation names instead of A, B, C.
        Assert.Contains("variants=ThreeStepCheckout,OnePageCheckout,ExpressCheckout\n", output);
    }

    [Fact]
    public void HackleFlagsCopyToOutputCopiesTheNamedManifestBesideTheAppOrNot()
    {
        Assert.True(consumer.SeveritiesRelaxed.Succeeded, consumer.SeveritiesRelaxed.ToString());
        // Default true: the manifest named by HackleFlagsManifest is copied under its own file name; the decoy is not.
        Assert.Contains("prod.json", consumer.OutputWithCopy);
        Assert.DoesNotContain("hackle.flags.json", consumer.OutputWithCopy);

        Assert.True(consumer.NoCopy.Succeeded, consumer.NoCopy.ToString());
        Assert.Contains("switches.dll", consumer.OutputWithoutCopy);
        Assert.DoesNotContain("prod.json", consumer.OutputWithoutCopy);
    }

    [Fact]
    public void AutoIncludeFalseGeneratesNothingUntilTheManifestIsAddedByHand()
    {
        var build = consumer.NoAutoInclude;
        Assert.False(build.Succeeded, "without the manifest nothing is generated, so the accessors cannot compile\n" + build);
        // Neither flags/prod.json nor the hackle.flags.json beside the project was read: the namespace is missing.
        var errors = BuildOutput.Errors(build);
        Assert.True(errors.Length > 0 && errors.All(e => e.StartsWith(Project.PathOf("Program.cs") + "(", StringComparison.Ordinal)
                && (e.Contains(": error CS0246:", StringComparison.Ordinal) || e.Contains(": error CS0103:", StringComparison.Ordinal))),
            "expected only missing-type errors in Program.cs\n" + build);
        Assert.Contains(errors, e => e.Contains("'Shop'", StringComparison.Ordinal));
        Assert.Empty(BuildOutput.Diagnostics(build, "HKF"));

        // docs/manifest.md: an AdditionalFiles item with HackleFlagsManifest="true" is the manifest.
        Assert.True(consumer.AddedByHand.Succeeded, consumer.AddedByHand.ToString());
    }

    private ProcessResult AssertRan()
    {
        Assert.True(consumer.SeveritiesRelaxed.Succeeded, consumer.SeveritiesRelaxed.ToString());
        var run = consumer.Run!;
        Assert.True(run.Succeeded, run.ToString());
        return run;
    }

    private static string Lines(ProcessResult run) => run.Output.Replace("\r\n", "\n");
}
