using System.Collections.Immutable;
using Hackle.Analyzers.FlagKeys;
using Hackle.Analyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using Xunit;

namespace Hackle.Analyzers.Tests;

/// <summary>
/// What keeps the flag-key rules cheap on a large manifest (issue 13, cost): the manifest is parsed once per
/// content, not once per build of the compiler server, and the generated accessors are indexed from their
/// syntax. These tests pin the behaviour; the cost itself is measured as docs/benchmarks.md describes.
/// </summary>
public class ManifestIndexingTests
{
    [Fact]
    public void Same_manifest_content_read_into_a_new_text_is_parsed_once()
    {
        // The compiler server reads the file into a new SourceText on every build.
        var first = ManifestProvider.Find(OptionsWith("/repo/hackle.flags.json", Manifests.Checkout), CancellationToken.None);
        var second = ManifestProvider.Find(OptionsWith("/repo/hackle.flags.json", Manifests.Checkout), CancellationToken.None);

        Assert.NotNull(first);
        Assert.Same(first, second);
    }

    [Fact]
    public void Changed_content_or_another_path_is_parsed_again()
    {
        var original = ManifestProvider.Find(OptionsWith("/changes/hackle.flags.json", Manifests.Checkout), CancellationToken.None);
        var edited = ManifestProvider.Find(OptionsWith("/changes/hackle.flags.json", Manifests.Checkout.Replace("\"Checkout\"", "\"Checkout2\"")), CancellationToken.None);
        var elsewhere = ManifestProvider.Find(OptionsWith("/elsewhere/hackle.flags.json", Manifests.Checkout), CancellationToken.None);

        Assert.NotSame(original, edited);
        Assert.Equal("Checkout2", edited!.Experiments.Single(e => e.Key == 42).Name);
        Assert.NotSame(original, elsewhere);
        Assert.Equal("/elsewhere/hackle.flags.json", elsewhere!.Path);
    }

    [Fact]
    public async Task Accessor_keys_are_read_as_generated_including_negative_and_non_literal_keys()
    {
        var framework = await TestReferences.Framework.ResolveAsync(LanguageNames.CSharp, CancellationToken.None);
        var compilation = CSharpCompilation.Create(
            "Consumer",
            new[] { CSharpSyntaxTree.ParseText("""
                namespace HackleFlags
                {
                    [global::System.CodeDom.Compiler.GeneratedCode("Hackle.Generators", "0.1.0")]
                    internal static partial class Experiments
                    {
                        public sealed class Checkout { public const long Key = 42L; }
                        public sealed class Negative { public const long Key = -5L; }
                        public sealed class Computed { public const long Key = 40L + 3; }
                        public sealed class NotAnAccessor { }
                    }

                    internal static partial class Experiments
                    {
                        public sealed class SecondPart { public const long Key = 44L; }
                    }
                }
                """) },
            framework,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));

        var accessors = GeneratedAccessors.Find(compilation, new GlobalOptions());

        Assert.Equal(new long[] { -5, 42, 43, 44 }, accessors.Experiments.Keys.OrderBy(k => k));
        Assert.Equal("Negative", accessors.Experiments[-5].Name);
        Assert.Equal("Computed", accessors.Experiments[43].Name);
        Assert.Equal("SecondPart", accessors.Experiments[44].Name);
        Assert.Empty(accessors.Features);
    }

    private static AnalyzerOptions OptionsWith(string path, string content) =>
        new(ImmutableArray.Create<AdditionalText>(new InMemoryText(path, SourceText.From(content))));

    private sealed class InMemoryText(string path, SourceText text) : AdditionalText
    {
        public override string Path { get; } = path;

        public override SourceText GetText(CancellationToken cancellationToken = default) => text;
    }

    private sealed class GlobalOptions : AnalyzerConfigOptions
    {
        public override bool TryGetValue(string key, out string value)
        {
            value = null!;
            return false;
        }
    }
}
