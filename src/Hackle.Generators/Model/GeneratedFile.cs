namespace Hackle.Generators.Model
{
    /// <summary>One generated source file.</summary>
    internal sealed record GeneratedFile(string HintName, string Text);
}
