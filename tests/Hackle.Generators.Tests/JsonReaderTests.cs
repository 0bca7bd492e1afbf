using Hackle.Generators.Manifest;
using Hackle.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis.Text;
using Xunit;

namespace Hackle.Generators.Tests;

/// <summary>The hand-written JSON reader: strict syntax, exact error positions, never an exception.</summary>
public class JsonReaderTests
{
    private static JsonNode Parse(string json)
    {
        var node = JsonReader.Parse(json, CancellationToken.None, out var error);
        Assert.Null(error);
        return node!;
    }

    private static JsonSyntaxError Error(string json)
    {
        var node = JsonReader.Parse(json, CancellationToken.None, out var error);
        Assert.Null(node);
        return error!;
    }

    [Fact]
    public void ReadsValuesWithPositions()
    {
        var root = Parse("{ \"a\": [1, -2.5e3, true, false, null], \"b\": \"x\\n\\u0041\\\"\" }");
        Assert.Equal(JsonKind.Object, root.Kind);
        var list = root.Get("a")!;
        Assert.Equal(new[] { JsonKind.Number, JsonKind.Number, JsonKind.True, JsonKind.False, JsonKind.Null }, list.Items.Select(i => i.Kind));
        Assert.Equal("-2.5e3", list.Items[1].Text);
        Assert.Equal("x\nA\"", root.GetString("b"));
        Assert.Equal(7, list.Start);
        Assert.Equal(2, root.Properties[0].NameStart);
        Assert.Equal(3, root.Properties[0].NameLength);
    }

    [Fact]
    public void SkippedRootPropertiesKeepKindAndSpanButNoContent()
    {
        const string json = "{ \"keep\": [{\"id\": 1}], \"skip\": [{\"id\": 2, \"s\": \"x\\u0041\"}], \"n\": null, \"keep2\": {\"skip\": [3]} }";
        var root = JsonReader.Parse(json, CancellationToken.None, out var error, name => name.StartsWith("keep", StringComparison.Ordinal))!;
        Assert.Null(error);
        Assert.Equal(new[] { "keep", "skip", "n", "keep2" }, root.Properties.Select(p => p.Name));
        Assert.Single(root.Get("keep")!.Items);
        var skipped = root.Get("skip")!;
        Assert.Equal(JsonKind.Array, skipped.Kind);
        Assert.Empty(skipped.Items);
        Assert.Equal(json.IndexOf("[{\"id\": 2", StringComparison.Ordinal), skipped.Start);
        Assert.Equal("[{\"id\": 2, \"s\": \"x\\u0041\"}]".Length, skipped.Length);
        Assert.Equal(JsonKind.Null, root.Get("n")!.Kind);
        // Only root properties are skipped.
        Assert.Equal("3", root.Get("keep2")!.Get("skip")!.Items[0].Text);
    }

    [Theory]
    [InlineData("{ \"skip\": [{\"id\": 01}] }")]
    [InlineData("{ \"skip\": [{\"id\": \"a\\q\"}] }")]
    [InlineData("{ \"skip\": [{\"id\" 1}] }")]
    [InlineData("{ \"skip\": [1, 2,] }")]
    [InlineData("{ \"skip\": {\"a\": tru} }")]
    [InlineData("{ \"skip\": [\"open")]
    public void SkippedRootPropertiesReportTheSameSyntaxErrors(string json)
    {
        var full = Error(json);
        var skipping = JsonReader.Parse(json, CancellationToken.None, out var error, _ => false);
        Assert.Null(skipping);
        Assert.Equal(full, error);
    }

    [Fact]
    public void RepeatedPropertyNamesAreReadCorrectlyFromTheNameCache()
    {
        // Same length, same first and last character: the cache must compare the whole name.
        var root = Parse("[{\"abxd\": 1, \"acyd\": 2}, {\"abxd\": 3, \"acyd\": 4, \"a\\u0062xd\": 5}]");
        Assert.Equal(new[] { "abxd", "acyd" }, root.Items[0].Properties.Select(p => p.Name));
        Assert.Equal(new[] { "abxd", "acyd", "abxd" }, root.Items[1].Properties.Select(p => p.Name));
        Assert.Equal("4", root.Items[1].Get("acyd")!.Text);
    }

    [Fact]
    public void KeepsDuplicatePropertiesAndGetReturnsTheLast()
    {
        var root = Parse("{\"k\": 1, \"k\": 2}");
        Assert.Equal(2, root.Properties.Count);
        Assert.Equal("2", root.Get("k")!.Text);
    }

    [Theory]
    [InlineData("", 0, "unexpected end of file; a value was expected")]
    [InlineData("{\"a\": 1,}", 8, "unexpected character '}'; a property name in double quotes was expected")]
    [InlineData("[1 2]", 3, "unexpected character '2'; ',' or ']' after an array item was expected")]
    [InlineData("{'a': 1}", 1, "unexpected character '''; a property name in double quotes was expected")]
    [InlineData("// note\n{}", 0, "unexpected comment (JSON has no comments); a value was expected")]
    [InlineData("{\"a\": 01}", 6, "invalid number '01'")]
    [InlineData("{\"a\": 1.}", 6, "invalid number: a digit must follow the decimal point")]
    [InlineData("{\"a\": -}", 6, "invalid number: a digit must follow '-'")]
    [InlineData("{\"a\": \"x\\q\"}", 8, "invalid escape sequence '\\q'")]
    [InlineData("{\"a\": \"x\\u12G4\"}", 8, "'\\u' must be followed by four hexadecimal digits")]
    [InlineData("{\"a\": \"line\nbreak\"}", 11, "a control character (U+000A) must be escaped inside a string")]
    [InlineData("{\"a\": tru}", 6, "unexpected character 't'; a value was expected")]
    [InlineData("{} {}", 3, "unexpected character '{' after the end of the JSON document")]
    [InlineData("{\"a\" 1}", 5, "unexpected character '1'; ':' after the property name was expected")]
    public void ReportsTheFirstErrorWithItsOffset(string json, int position, string message)
    {
        var error = Error(json);
        Assert.Equal(position, error.Position);
        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void UnclosedTokensSayWhereTheyStarted()
    {
        Assert.Equal("unexpected end of file; the string starting at line 2, column 8 is not closed", Error("{\n  \"a\": \"abc").Message);
        Assert.Equal("unexpected end of file; the object starting at line 1, column 1 is not closed", Error("{\"a\": 1").Message);
    }

    [Fact]
    public void DeepNestingIsAnErrorNotAStackOverflow()
    {
        var json = new string('[', 100_000) + new string(']', 100_000);
        Assert.Equal("nesting is deeper than 128 levels", Error(json).Message);
    }

    /// <summary>Every prefix of the real manifest is either valid or a located error; the reader never throws.</summary>
    [Fact]
    public void NeverThrowsOnTruncatedInput()
    {
        var text = File.ReadAllText(RepoPaths.RepoManifest);
        for (var length = 0; length < text.Length; length += 7)
        {
            var prefix = text.Substring(0, length);
            var model = ManifestReader.Read("/m/hackle.flags.json", SourceText.From(prefix), CancellationToken.None);
            Assert.False(model.IsValid);
            var diagnostic = Assert.Single(model.Diagnostics);
            Assert.Equal(ManifestProblem.InvalidJson, diagnostic.Problem);
            Assert.InRange(diagnostic.Location.Span.Start, 0, length);
        }
    }

    [Fact]
    public void HonoursCancellation()
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        var json = "[" + string.Join(",", Enumerable.Repeat("1", 5000)) + "]";
        Assert.Throws<OperationCanceledException>(() => JsonReader.Parse(json, cts.Token, out _));
    }
}
