using System.Text.Json.Serialization;

namespace Hackle.Internal.Config
{
    /// <summary>Source-generated metadata for the wire DTOs: no reflection, trim and AOT safe.</summary>
    [JsonSourceGenerationOptions(
        PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
        NumberHandling = JsonNumberHandling.AllowReadingFromString,
        GenerationMode = JsonSourceGenerationMode.Metadata)]
    [JsonSerializable(typeof(WorkspaceDto))]
    internal sealed partial class WorkspaceJsonContext : JsonSerializerContext
    {
    }
}
