using System.Collections;
using System.Reflection;
using Hackle.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace Hackle.Generators.Tests;

/// <summary>
/// Incrementality (the NetEscapades pattern): a second run on a cloned compilation is served from the
/// cache, unrelated edits never re-parse the manifest, and no step output holds compiler objects.
/// </summary>
public class CachingTests
{
    private const string ManifestPath = "/repo/hackle.flags.json";
    private static readonly string s_manifest = File.ReadAllText(RepoPaths.RepoManifest);

    private static readonly string[] s_trackingNames = typeof(TrackingNames)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.IsLiteral && f.FieldType == typeof(string))
        .Select(f => (string)f.GetRawConstantValue()!)
        .ToArray();

    private static (GeneratorDriver Driver, CSharpCompilation Compilation, AdditionalText Manifest) FirstRun(string manifest = "", params string[] sources)
    {
        var compilation = GeneratorHarness.Compilation(sources.Length > 0 ? sources : new[] { "namespace App { class Program { } }" });
        var text = new TestAdditionalText(ManifestPath, manifest.Length > 0 ? manifest : s_manifest);
        var driver = GeneratorHarness.Driver(new[] { text }).RunGenerators(compilation);
        return (driver, compilation, text);
    }

    private static Dictionary<string, IncrementalStepRunReason[]> Reasons(GeneratorDriver driver) =>
        driver.GetRunResult().Results.Single().TrackedSteps
            .Where(step => s_trackingNames.Contains(step.Key))
            .ToDictionary(step => step.Key, step => step.Value.SelectMany(run => run.Outputs).Select(o => o.Reason).ToArray());

    private static void AssertAll(Dictionary<string, IncrementalStepRunReason[]> reasons, string step, params IncrementalStepRunReason[] allowed)
    {
        Assert.True(reasons.ContainsKey(step), "step " + step + " did not run");
        Assert.All(reasons[step], reason => Assert.Contains(reason, allowed));
    }

    [Fact]
    public void EveryTrackedStepRunsAndIsCachedOnASecondRun()
    {
        var (driver, compilation, _) = FirstRun(s_manifest, "[assembly: Hackle.HackleFlagName(Hackle.HackleFlagKind.Experiment, 42, \"Pay\")]");
        var first = driver.GetRunResult();
        var second = driver.RunGenerators(compilation.Clone()).GetRunResult();

        var firstSteps = first.Results.Single().TrackedSteps;
        var secondSteps = second.Results.Single().TrackedSteps;
        // Every named step exists, so a rename in TrackingNames cannot silently skip a check.
        Assert.Equal(s_trackingNames.OrderBy(n => n), secondSteps.Keys.Where(s_trackingNames.Contains).OrderBy(n => n));

        foreach (var name in s_trackingNames)
        {
            var before = firstSteps[name].SelectMany(s => s.Outputs).Select(o => o.Value).ToArray();
            var after = secondSteps[name].SelectMany(s => s.Outputs).ToArray();
            Assert.Equal(before, after.Select(o => o.Value));
            Assert.All(after, o => Assert.True(o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged,
                $"{name}: {o.Reason}"));
            foreach (var step in firstSteps[name])
            {
                var leak = FindCompilerObject(step.Outputs.Select(o => o.Value));
                Assert.True(leak is null, $"step {name} output reaches a {leak}");
            }
        }
        Assert.All(second.Results.Single().TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs),
            o => Assert.Equal(IncrementalStepRunReason.Cached, o.Reason));
    }

    [Fact]
    public void EditingAnUnrelatedSourceFileDoesNotReparseTheManifest()
    {
        var (driver, compilation, _) = FirstRun();
        var oldTree = compilation.SyntaxTrees.Single();
        var edited = compilation.ReplaceSyntaxTree(oldTree,
            CSharpSyntaxTree.ParseText("namespace App { class Program { static void Main() { } } }", (CSharpParseOptions)oldTree.Options, oldTree.FilePath));
        var reasons = Reasons(driver.RunGenerators(edited));

        foreach (var step in new[] { TrackingNames.ManifestFiles, TrackingNames.ManifestParse, TrackingNames.Options, TrackingNames.BuildModel,
                     TrackingNames.EmitModel, TrackingNames.Sources })
        {
            AssertAll(reasons, step, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);
        }
    }

    [Fact]
    public void EditingPartsOfTheManifestTheModelIgnoresStopsAfterTheParse()
    {
        var (driver, compilation, manifest) = FirstRun();
        // A bucket seed: same length, so no location moves, and not part of the model.
        var edited = s_manifest.Replace("\"seed\": 1163284561", "\"seed\": 1163284562");
        Assert.NotEqual(s_manifest, edited);
        var reasons = Reasons(driver.ReplaceAdditionalText(manifest, new TestAdditionalText(ManifestPath, edited)).RunGenerators(compilation));

        AssertAll(reasons, TrackingNames.ManifestFiles, IncrementalStepRunReason.Modified);
        AssertAll(reasons, TrackingNames.ManifestParse, IncrementalStepRunReason.Unchanged);
        AssertAll(reasons, TrackingNames.Sources, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);
    }

    [Fact]
    public void MovingTextReportsNewLocationsButDoesNotReEmit()
    {
        var (driver, compilation, manifest) = FirstRun();
        var edited = s_manifest.Replace("\"workspace\": {", "\n\n\"workspace\": {");
        var reasons = Reasons(driver.ReplaceAdditionalText(manifest, new TestAdditionalText(ManifestPath, edited)).RunGenerators(compilation));

        AssertAll(reasons, TrackingNames.ManifestParse, IncrementalStepRunReason.Modified);
        AssertAll(reasons, TrackingNames.BuildModel, IncrementalStepRunReason.Modified);
        AssertAll(reasons, TrackingNames.EmitModel, IncrementalStepRunReason.Unchanged);
        AssertAll(reasons, TrackingNames.Sources, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);
    }

    [Fact]
    public void EditingAnEmittedDescriptionReEmits()
    {
        var (driver, compilation, manifest) = FirstRun();
        var edited = s_manifest.Replace("Guided product tour for new sign-ups.", "Guided product tour for new sign-ups!");
        driver = driver.ReplaceAdditionalText(manifest, new TestAdditionalText(ManifestPath, edited)).RunGenerators(compilation);
        var reasons = Reasons(driver);

        AssertAll(reasons, TrackingNames.ManifestParse, IncrementalStepRunReason.Modified);
        AssertAll(reasons, TrackingNames.Sources, IncrementalStepRunReason.Modified);
        Assert.Contains("Guided product tour for new sign-ups!", driver.GetRunResult().Results.Single().GeneratedSources
            .Single(s => s.HintName == "Experiments.g.cs").SourceText.ToString());
    }

    [Fact]
    public void TheLeakCheckSeesCompilerObjectsNestedInModels()
    {
        var compilation = GeneratorHarness.Compilation(new[] { "class C { }" });
        Assert.Null(FindCompilerObject(new object[] { ("text", 42, new[] { "a" }) }));
        Assert.NotNull(FindCompilerObject(new object[] { ("text", new List<object> { compilation.GetTypeByMetadataName("C")! }) }));
        Assert.NotNull(FindCompilerObject(new object[] { new KeyValuePair<string, object>("k", compilation) }));
    }

    /// <summary>The type name of the first Compilation, ISymbol, SyntaxNode or SyntaxTree reachable from the outputs, or null.</summary>
    private static string? FindCompilerObject(IEnumerable<object> outputs)
    {
        var visited = new HashSet<object>(ReferenceEqualityComparer.Instance);
        var pending = new Stack<object>(outputs.Where(o => o != null));
        while (pending.Count > 0)
        {
            var node = pending.Pop();
            var type = node.GetType();
            if (type.IsPrimitive || type.IsEnum || node is string || !visited.Add(node)) continue;
            if (node is Compilation or ISymbol or SyntaxNode or SyntaxTree) return type.FullName;
            if (node is IEnumerable items && node is not Microsoft.CodeAnalysis.Text.SourceText)
            {
                // A default ImmutableArray (e.g. a descriptor's empty tags) cannot be enumerated and holds nothing.
                if (type.GetProperty("IsDefault")?.GetValue(node) is true) continue;
                foreach (var item in items)
                {
                    if (item != null) pending.Push(item);
                }
                continue;
            }
            for (var t = type; t != null && t != typeof(object); t = t.BaseType)
            {
                foreach (var field in t.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
                {
                    if (field.FieldType.IsPointer || field.FieldType.IsByRefLike) continue;
                    var value = field.GetValue(node);
                    if (value != null) pending.Push(value);
                }
            }
        }
        return null;
    }
}
