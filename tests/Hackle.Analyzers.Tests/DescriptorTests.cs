using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit;

namespace Hackle.Analyzers.Tests;

/// <summary>Every rule is documented where its help link points, with the category and id scheme of the rule set.</summary>
public class DescriptorTests
{
    // Every analyzer the assembly ships, found by reflection, so a new rule cannot miss these checks.
    private static readonly DiagnosticAnalyzer[] s_analyzers = typeof(ClientLifetimeAnalyzer).Assembly.GetTypes()
        .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t))
        .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
        .ToArray();

    public static TheoryData<string> Ids()
    {
        var data = new TheoryData<string>();
        foreach (var descriptor in s_analyzers.SelectMany(a => a.SupportedDiagnostics)) data.Add(descriptor.Id);
        return data;
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Help_link_points_at_an_anchor_of_docs_diagnostics(string id)
    {
        var descriptor = s_analyzers.SelectMany(a => a.SupportedDiagnostics).Single(d => d.Id == id);
        Assert.Matches("^HKA1[0-9][0-9]$", descriptor.Id);
        Assert.Equal("HackleFlags.Usage", descriptor.Category);
        var anchor = Regex.Match(descriptor.HelpLinkUri, "docs/diagnostics\\.md#(?<anchor>[a-z0-9]+)$");
        Assert.True(anchor.Success, descriptor.HelpLinkUri);
        Assert.Contains($"<a id=\"{anchor.Groups["anchor"].Value}\"></a>", File.ReadAllText(DocsPath()));
        Assert.Contains($"### {id}:", File.ReadAllText(DocsPath()));
    }

    [Fact]
    public void Suppressions_name_the_anchor_rules()
    {
        var suppressions = new OwnershipTransferSuppressor().SupportedSuppressions;
        Assert.Equal(new[] { "CA2000", "IDISP001" }, suppressions.Select(s => s.SuppressedDiagnosticId).OrderBy(x => x));
    }

    private static string DocsPath()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "docs", "diagnostics.md");
            if (File.Exists(candidate)) return candidate;
        }
        throw new FileNotFoundException("docs/diagnostics.md not found above " + AppContext.BaseDirectory);
    }
}
