namespace Hackle.Cli.Diff;

/// <summary>Reads manifest files within the runtime's size limit, with messages that name the file.</summary>
internal static class ManifestFiles
{
    public static byte[] ReadAllBytes(string path, string displayName)
    {
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists) throw new ManifestException($"{displayName} was not found.");
            if (info.Length > HackleWorkspace.MaxConfigBytes)
                throw new ManifestException($"{displayName} is {info.Length} bytes; the limit is {HackleWorkspace.MaxConfigBytes}.");
            return File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ManifestException($"{displayName} could not be read: {e.Message}");
        }
    }
}
