using System.Reflection;
using System.Runtime.Loader;
using Hackle.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace Hackle.Generators.Tests;

/// <summary>
/// Runs the generated accessors against the real runtime with the repo's workspace: the typed results
/// must match what the untyped client API decides. All tests that create clients live in this class so
/// they never race on <see cref="HackleClient.Current"/>.
/// </summary>
public class RuntimeBehaviourTests
{
    private static readonly string s_manifest = File.ReadAllText(RepoPaths.RepoManifest);
    private static readonly Lazy<Assembly> s_generated = new(() => Load(s_manifest));

    private static Assembly Load(string manifest)
    {
        var run = GeneratorHarness.Generate(manifest, GeneratorHarness.Properties(("HackleFlags_Accessibility", "public")));
        using var stream = new MemoryStream();
        var emit = run.Output.Emit(stream);
        Assert.True(emit.Success, string.Join("\n", emit.Diagnostics));
        stream.Position = 0;
        // A fresh context per load; Hackle.Runtime resolves from the default context, so both sides share its types.
        return new AssemblyLoadContext("generated-" + Guid.NewGuid(), isCollectible: true).LoadFromStream(stream);
    }

    private static object? Call(Assembly assembly, string type, string method, params object?[] arguments)
    {
        var target = assembly.GetType(type, throwOnError: true)!;
        var candidate = target.GetMethods(BindingFlags.Public | BindingFlags.Static | BindingFlags.FlattenHierarchy)
            .Single(m => m.Name == method && m.GetParameters().Length == arguments.Length);
        try
        {
            return candidate.Invoke(null, arguments);
        }
        catch (TargetInvocationException e) when (e.InnerException != null)
        {
            throw e.InnerException;
        }
    }

    private static HackleClient NewClient() =>
        HackleClient.Create("generated-" + Guid.NewGuid().ToString("N"),
            new HackleClientOptions { Offline = true, Workspace = HackleWorkspace.Parse(s_manifest) });

    [Fact]
    public void TypedAccessorsAgreeWithTheClient()
    {
        using var client = NewClient();
        var tester = new HackleUser("qa-tester-1");
        var gold = new HackleUser("someone") { Properties = { ["grade"] = "GOLD" } };
        var plain = new HackleUser("someone-else");

        Assert.Equal("B", Call(s_generated.Value, "HackleFlags.Experiments+Checkout", "Variation", client, tester)!.ToString());
        dynamic detail = Call(s_generated.Value, "HackleFlags.Experiments+Checkout", "VariationDetail", client, tester)!;
        Assert.Equal(DecisionReason.Overridden, (DecisionReason)detail.Reason);
        Assert.Equal("B", (string)detail.VariationKey);
        Assert.Equal("B (OVERRIDDEN)", detail.ToString());

        foreach (var id in new[] { "u1", "u2", "u3", "u4", "u5", "u6" })
        {
            var user = new HackleUser(id);
            Assert.Equal(client.Variation(42, user), Call(s_generated.Value, "HackleFlags.Experiments+Checkout", "Variation", client, user)!.ToString());
        }

        Assert.Equal(true, Call(s_generated.Value, "HackleFlags.Features+NewCheckout", "IsOn", client, gold));
        Assert.Equal(DecisionReason.TargetRuleMatch, ((FeatureFlagDecision)Call(s_generated.Value, "HackleFlags.Features+NewCheckout", "Detail", client, gold)!).Reason);
        Assert.Equal(false, Call(s_generated.Value, "HackleFlags.Features+DarkMode", "IsOn", client, plain));
        Assert.Equal("B", Call(s_generated.Value, "HackleFlags.Experiments+OnboardingTour", "Variation", client, plain)!.ToString());

        Assert.Equal("Free shipping on orders over $50", Call(s_generated.Value, "HackleFlags.RemoteConfig+CheckoutBannerText", "Get", client, plain));
        Assert.Equal(50d, Call(s_generated.Value, "HackleFlags.RemoteConfig+FreeShippingThreshold", "Get", client, plain));
        Assert.Equal(true, Call(s_generated.Value, "HackleFlags.RemoteConfig+ShowRecommendations", "Get", client, plain));
    }

    [Fact]
    public void StaticAccessorsUseTheCurrentClient()
    {
        using var client = NewClient();
        Assert.Same(client, HackleClient.Current);
        var tester = new HackleUser("qa-tester-1");
        Assert.Equal("B", Call(s_generated.Value, "HackleFlags.Experiments+Checkout", "Variation", tester)!.ToString());
        Assert.Equal(true, Call(s_generated.Value, "HackleFlags.Features+NewCheckout", "IsOn", tester));
    }

    [Fact]
    public void AVariationTheManifestLacksMapsToTheControl()
    {
        // An older manifest: Checkout without C. Internal staff are overridden to C by the live workspace.
        var stale = s_manifest.Replace("{ \"id\": 10423, \"key\": \"C\", \"name\": \"Express checkout\", \"status\": \"ACTIVE\", \"parameterConfigurationId\": null }", "")
            .Replace("\"parameterConfigurationId\": 9001 },", "\"parameterConfigurationId\": 9001 }");
        Assert.NotEqual(s_manifest, stale);
        var generated = Load(stale);
        using var client = NewClient();
        var staff = new HackleUser("staff-1") { Properties = { ["email"] = "kim@hackle.example" } };
        Assert.Equal("C", client.Variation(42, staff));

        dynamic detail = Call(generated, "HackleFlags.Experiments+Checkout", "VariationDetail", client, staff)!;
        Assert.Equal("A", detail.Variation.ToString());
        Assert.Equal("C", (string)detail.VariationKey);
    }

    [Fact]
    public void SingleVariationExperimentOfARealConfigIsDecided()
    {
        // Hackle's container test config: AB test 2 has one variation and sits in a mutual-exclusion container.
        var manifest = File.ReadAllText(Path.Combine(RepoPaths.TestProject, "Manifests", "real", "ws_container.json"));
        var generated = Load(manifest);
        using var client = HackleClient.Create("generated-" + Guid.NewGuid().ToString("N"),
            new HackleClientOptions { Offline = true, Workspace = HackleWorkspace.Parse(manifest) });
        var reasons = new HashSet<DecisionReason>();
        for (var i = 0; i < 200; i++)
        {
            var user = new HackleUser(i.ToString(System.Globalization.CultureInfo.InvariantCulture));
            var expected = client.VariationDetail(2, user);
            dynamic typed = Call(generated, "HackleFlags.Experiments+Experiment2", "VariationDetail", client, user)!;
            Assert.Equal(expected.Reason, (DecisionReason)typed.Reason);
            Assert.Equal(expected.VariationKey, (string)typed.VariationKey);
            Assert.Equal("A", typed.Variation.ToString());
            reasons.Add(expected.Reason);
        }
        // Both paths of the container are exercised, so the accessor is really decided, not defaulted.
        Assert.Contains(DecisionReason.TrafficAllocated, reasons);
        Assert.Contains(DecisionReason.NotInMutualExclusionExperiment, reasons);
    }

    [Theory]
    [InlineData("ws_config_go")]
    [InlineData("ws_config_java")]
    [InlineData("ws_container")]
    [InlineData("ws_segment_match")]
    [InlineData("ws_target_experiment")]
    public void EveryAccessorOfARealConfigIsDecidedByTheRuntime(string name)
    {
        var manifest = File.ReadAllText(Path.Combine(RepoPaths.TestProject, "Manifests", "real", name + ".json"));
        var generated = Load(manifest);
        using var client = HackleClient.Create("generated-" + Guid.NewGuid().ToString("N"),
            new HackleClientOptions { Offline = true, Workspace = HackleWorkspace.Parse(manifest) });
        var user = new HackleUser("user-1");
        var decided = 0;
        foreach (var accessor in generated.GetTypes().Where(t => t.DeclaringType?.Name is "Experiments" or "Features"))
        {
            var isExperiment = accessor.DeclaringType!.Name == "Experiments";
            dynamic detail = Call(generated, accessor.FullName!, isExperiment ? "VariationDetail" : "Detail", client, user)!;
            DecisionReason reason = detail.Reason;
            // The generator keeps exactly the items the runtime decides: none may answer "not found".
            Assert.False(reason is DecisionReason.ExperimentNotFound or DecisionReason.FeatureFlagNotFound, accessor.FullName + ": " + reason);
            decided++;
        }
        Assert.True(decided > 0);
    }

    public enum UnmarkedVariant { A, B }

    /// <summary>An accessor class the generator did not make: its enum lacks the key attribute.</summary>
    public sealed class Unmarked : Hackle.Accessors.ExperimentAccessor<UnmarkedVariant>
    {
        private Unmarked() { }
    }

    /// <summary>A flag accessor without its key attribute.</summary>
    public sealed class UnmarkedFlag : Hackle.Accessors.FeatureAccessor<UnmarkedFlag>
    {
        private UnmarkedFlag() { }
    }

    /// <summary>A remote-config accessor without its key attribute.</summary>
    public sealed class UnmarkedParameter : Hackle.Accessors.NumberParameterAccessor<UnmarkedParameter>
    {
        private UnmarkedParameter() { }
    }

    [Fact]
    public void AccessorsWithoutTheirAttributeSayNotFoundInsteadOfThrowing()
    {
        using var client = NewClient();
        var user = new HackleUser("u");
        var experiment = Unmarked.VariationDetail(client, user);
        Assert.Equal((UnmarkedVariant.A, "A", DecisionReason.ExperimentNotFound), (experiment.Variation, experiment.VariationKey, experiment.Reason));
        var flag = UnmarkedFlag.Detail(client, user);
        Assert.Equal((false, DecisionReason.FeatureFlagNotFound), (flag.IsOn, flag.Reason));
        var parameter = UnmarkedParameter.Detail(client, user);
        Assert.Equal((0d, DecisionReason.RemoteConfigParameterNotFound), (parameter.Value, parameter.Reason));
    }

    [Fact]
    public void ExplicitClientOverloadsRejectNull()
    {
        var user = new HackleUser("u");
        var error = Assert.Throws<ArgumentNullException>(() => Call(s_generated.Value, "HackleFlags.Features+NewCheckout", "IsOn", null, user));
        Assert.Equal("client", error.ParamName);
    }
}
