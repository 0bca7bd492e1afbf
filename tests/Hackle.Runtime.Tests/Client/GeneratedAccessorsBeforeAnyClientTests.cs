extern alias generator;

using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;

namespace Hackle.Runtime.Tests.Client;

/// <summary>
/// The generated static accessors in a process where no client was ever created: HackleClient.Current's
/// docs promise the default with SDK_NOT_READY. Other tests in this process create clients, so the generated
/// code runs against its own copy of Hackle.Runtime in a separate load context, whose client registry
/// has never seen a client; no test can have left one behind there.
/// </summary>
public class GeneratedAccessorsBeforeAnyClientTests
{
    [Fact]
    public void Static_accessors_return_the_defaults_with_sdk_not_ready()
    {
        var context = new IsolatedRuntimeContext();
        try
        {
            var generated = context.LoadFromStream(new MemoryStream(CompileGeneratedAccessors(File.ReadAllText(TestPaths.Manifest))));
            var runtime = context.Runtime;
            Assert.NotSame(typeof(HackleClient).Assembly, runtime); // really a fresh copy, with its own static state

            var user = Activator.CreateInstance(runtime.GetType("Hackle.HackleUser", throwOnError: true)!, "qa-tester-1")!;
            // qa-tester-1 is overridden to B in the manifest: a live client would say B.
            Assert.Equal("A", Call(generated, "HackleFlags.Experiments+Checkout", "Variation", user)!.ToString());
            var detail = Call(generated, "HackleFlags.Experiments+Checkout", "VariationDetail", user)!;
            Assert.Equal("SdkNotReady", detail.GetType().GetProperty("Reason")!.GetValue(detail)!.ToString());
            Assert.Equal(false, Call(generated, "HackleFlags.Features+NewCheckout", "IsOn", user));

            var current = runtime.GetType("Hackle.HackleClient", throwOnError: true)!.GetProperty("Current")!.GetValue(null)!;
            Assert.Equal("NotReadyClient", current.GetType().Name);
        }
        finally
        {
            context.Unload();
        }
    }

    private static object? Call(Assembly assembly, string type, string method, params object?[] arguments)
    {
        var methods = assembly.GetType(type, throwOnError: true)!
            .GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.FlattenHierarchy);
        var candidate = methods.SingleOrDefault(m => m.Name == method && m.GetParameters().Length == arguments.Length);
        Assert.True(candidate != null, $"{type}.{method}/{arguments.Length} among: " + string.Join(", ", methods.Select(m => m.Name + "/" + m.GetParameters().Length)));
        try
        {
            return candidate!.Invoke(null, arguments);
        }
        catch (TargetInvocationException e) when (e.InnerException != null)
        {
            throw e.InnerException;
        }
    }

    /// <summary>Runs the real generator on the manifest and compiles its output.</summary>
    private static byte[] CompileGeneratedAccessors(string manifest)
    {
        var tpa = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        var references = tpa.Where(p => Path.GetFileName(p) is var f && (f.StartsWith("System.", StringComparison.Ordinal) || f is "netstandard.dll"))
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p)).ToList();
        references.Add(MetadataReference.CreateFromFile(typeof(HackleClient).Assembly.Location));
        var parse = new CSharpParseOptions(LanguageVersion.Latest);
        var compilation = CSharpCompilation.Create("GeneratedAccessors",
            new[] { CSharpSyntaxTree.ParseText("namespace Consumer { internal static class Placeholder { } }", parse) }, references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        GeneratorDriver driver = CSharpGeneratorDriver.Create(
            new[] { new generator::Hackle.Generators.HackleFlagsGenerator().AsSourceGenerator() },
            new AdditionalText[] { new ManifestText("/repo/hackle.flags.json", manifest) }, parse);
        driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out _);
        Assert.True(output.SyntaxTrees.Count() > 1, "the generator produced the accessors");
        using var stream = new MemoryStream();
        var emit = output.Emit(stream);
        Assert.True(emit.Success, string.Join("\n", emit.Diagnostics));
        return stream.ToArray();
    }

    private sealed class ManifestText(string path, string text) : AdditionalText
    {
        public override string Path { get; } = path;

        public override SourceText GetText(CancellationToken cancellationToken = default) => SourceText.From(text);
    }

    /// <summary>Loads its own Hackle.Runtime (and the generated code that binds to it); everything else is shared.</summary>
    private sealed class IsolatedRuntimeContext() : AssemblyLoadContext("no-client-yet-" + Guid.NewGuid(), isCollectible: true)
    {
        private Assembly? _runtime;

        public Assembly Runtime => _runtime ??= LoadFromAssemblyPath(typeof(HackleClient).Assembly.Location);

        protected override Assembly? Load(AssemblyName name) => name.Name == "Hackle.Runtime" ? Runtime : null;
    }
}
