using System.Reflection;

namespace Hackle.Cli.Init;

/// <summary>The sample hackle.flags.json that <c>hackle init</c> writes when no key is given.</summary>
internal static class SampleManifest
{
    public static byte[] Bytes()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Hackle.Cli.Init.sample.flags.json")
            ?? throw new InvalidOperationException("The sample manifest is missing from the tool's resources.");
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }
}
