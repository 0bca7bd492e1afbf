using System.Reflection;
using System.Xml.Linq;

namespace Hackle.Cli.Init;

/// <summary>What <see cref="ProjectEditor"/> did.</summary>
internal sealed record ProjectEdit(string PackageId, bool Changed, string Message);

/// <summary>
/// Adds the package reference by editing the project file, so that init works offline and before the
/// package is on a feed the machine can reach; the next restore fetches it.
/// </summary>
internal static class ProjectEditor
{
    public const string RuntimePackage = "HackleTyped";
    public const string HostingPackage = "HackleTyped.Extensions.Hosting";

    /// <summary>The version of this tool, which is the version of the packages built with it.</summary>
    public static string PackageVersion
    {
        get
        {
            var version = typeof(ProjectEditor).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.1.0";
            var plus = version.IndexOf('+');
            return plus > 0 ? version[..plus] : version;
        }
    }

    public static ProjectEdit AddPackageReference(string projectPath)
    {
        var document = XDocument.Load(projectPath, LoadOptions.PreserveWhitespace);
        var root = document.Root ?? throw new System.Xml.XmlException("the project file has no root element");
        var ns = root.Name.Namespace;
        var references = root.Descendants(ns + "PackageReference").Select(r => (string?)r.Attribute("Include")).ToList();
        var existing = references.FirstOrDefault(r => r is RuntimePackage or HostingPackage);
        if (existing != null)
            return new ProjectEdit(existing, false, $"{Path.GetFileName(projectPath)} already references {existing}.");

        var sdk = (string?)root.Attribute("Sdk") ?? "";
        // Hosts get the hosting package: it brings HackleTyped with the generator and analyzers.
        var packageId = sdk.StartsWith("Microsoft.NET.Sdk.Web", StringComparison.OrdinalIgnoreCase) || sdk.StartsWith("Microsoft.NET.Sdk.Worker", StringComparison.OrdinalIgnoreCase)
            ? HostingPackage
            : RuntimePackage;
        var central = UsesCentralPackageVersions(Path.GetDirectoryName(projectPath)!);
        var reference = new XElement(ns + "PackageReference", new XAttribute("Include", packageId));
        if (!central) reference.Add(new XAttribute("Version", PackageVersion));
        var indent = root.Elements().FirstOrDefault()?.PreviousNode is XText text ? text.Value.TrimStart('\r', '\n') : "  ";
        var newline = File.ReadAllText(projectPath).Contains("\r\n", StringComparison.Ordinal) ? "\r\n" : "\n";
        var group = new XElement(ns + "ItemGroup", new XText(newline + indent + indent), reference, new XText(newline + indent));
        var last = root.LastNode;
        if (last is XText trailing) trailing.AddBeforeSelf(new XText(newline + indent), group);
        else root.Add(new XText(newline + indent), group, new XText(newline));
        // Written back as it was read: with a byte-order mark only if it had one.
        var original = File.ReadAllBytes(projectPath);
        var hadBom = original.Length >= 3 && original[0] == 0xEF && original[1] == 0xBB && original[2] == 0xBF;
        var settings = new System.Xml.XmlWriterSettings
        {
            OmitXmlDeclaration = document.Declaration is null,
            Indent = false,
            NewLineHandling = System.Xml.NewLineHandling.None,
            Encoding = new System.Text.UTF8Encoding(hadBom),
        };
        using (var writer = System.Xml.XmlWriter.Create(projectPath, settings)) document.Save(writer);
        var message = $"Added {packageId}" + (central ? "" : " " + PackageVersion) + $" to {Path.GetFileName(projectPath)}.";
        if (central) message += $" The repository manages versions centrally: add <PackageVersion Include=\"{packageId}\" Version=\"{PackageVersion}\" /> to Directory.Packages.props.";
        return new ProjectEdit(packageId, true, message);
    }

    private static bool UsesCentralPackageVersions(string directory)
    {
        for (var current = new DirectoryInfo(directory); current != null; current = current.Parent)
        {
            var props = Path.Combine(current.FullName, "Directory.Packages.props");
            if (File.Exists(props)) return File.ReadAllText(props).Contains("<ManagePackageVersionsCentrally>true<", StringComparison.OrdinalIgnoreCase);
        }
        return false;
    }
}
