using System.Reflection;
using System.Text.RegularExpressions;

namespace TestClientTests;

/// <summary>The README's "Testing your flags" example is ReadmeExample.cs word for word, so it compiles and passes here.</summary>
public class ReadmeExampleTests
{
    private static string Root => typeof(ReadmeExampleTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "RepositoryRoot").Value!;

    [Fact]
    public void TheReadmeExampleIsTheCompiledOne()
    {
        var readme = File.ReadAllText(Path.Combine(Root, "README.md")).ReplaceLineEndings("\n");
        var section = readme[readme.IndexOf("## Testing your flags", StringComparison.Ordinal)..];
        var block = Regex.Match(section, "```csharp\n(.*?)```", RegexOptions.Singleline);
        Assert.True(block.Success, "the section has no C# block");
        var compiled = File.ReadAllText(Path.Combine(Root, "tests", "Hackle.Testing.Tests", "ReadmeExample.cs")).ReplaceLineEndings("\n");
        Assert.Equal(compiled, block.Groups[1].Value);
    }
}
