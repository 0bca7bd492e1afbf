using System.Reflection;
using System.Text.RegularExpressions;
using Hackle.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace Hackle.Generators.Tests;

/// <summary>
/// The generator's descriptors follow the convention the analyzers share (Hackle.Generators.Diagnostics.DescriptorFactory):
/// a help link to the id's anchor in docs/diagnostics.md, a description, and the severity the docs' table states.
/// </summary>
public class DescriptorTests
{
    private static readonly DiagnosticDescriptor[] s_descriptors = typeof(HackleFlagsGenerator).Assembly
        .GetType("Hackle.Generators.DiagnosticDescriptors", throwOnError: true)!
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.FieldType == typeof(DiagnosticDescriptor))
        .Select(f => (DiagnosticDescriptor)f.GetValue(null)!)
        .ToArray();

    private static readonly string s_docs = File.ReadAllText(Path.Combine(RepoPaths.Root, "docs", "diagnostics.md"));

    public static TheoryData<string> Ids()
    {
        var data = new TheoryData<string>();
        foreach (var descriptor in s_descriptors) data.Add(descriptor.Id);
        return data;
    }

    [Fact]
    public void EveryIdIsDescribedOnce() =>
        Assert.Equal(Enumerable.Range(1, 17).Select(i => "HKF" + i.ToString("000")), s_descriptors.Select(d => d.Id).OrderBy(i => i));

    [Theory]
    [MemberData(nameof(Ids))]
    public void HelpLinkPointsAtAnAnchorOfTheDocs(string id)
    {
        var descriptor = s_descriptors.Single(d => d.Id == id);
        var link = Regex.Match(descriptor.HelpLinkUri, "/blob/main/(?<file>docs/[a-z]+\\.md)#(?<anchor>[a-z0-9-]+)$");
        Assert.True(link.Success, descriptor.HelpLinkUri);
        Assert.Equal("docs/diagnostics.md", link.Groups["file"].Value);
        Assert.Equal(id.ToLowerInvariant(), link.Groups["anchor"].Value);
        Assert.Contains($"<a id=\"{link.Groups["anchor"].Value}\"></a>\n### {id}: {descriptor.Title}", s_docs.ReplaceLineEndings("\n"));
        Assert.False(string.IsNullOrWhiteSpace(descriptor.Description.ToString()));
        Assert.True(descriptor.IsEnabledByDefault);
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void TheDocsStateTheSeverity(string id)
    {
        var descriptor = s_descriptors.Single(d => d.Id == id);
        Assert.Contains($"| [{id}](#{id.ToLowerInvariant()}) | {descriptor.DefaultSeverity.ToString().ToLowerInvariant()} |", s_docs);
    }
}
