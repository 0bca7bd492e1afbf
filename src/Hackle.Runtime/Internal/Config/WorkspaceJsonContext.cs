using System.Text.Json.Serialization;
using Hackle.Manifest;

namespace Hackle.Internal.Config
{
    /// <summary>
    /// Source-generated metadata for the wire DTOs: no reflection, trim and AOT safe. Integers are read by
    /// the shared rule (<see cref="WireInt64Converter"/>), and nesting is limited as in the generator.
    /// </summary>
    [JsonSourceGenerationOptions(
        PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
        MaxDepth = WireText.MaxDepth,
        Converters = new[] { typeof(WireInt64Converter), typeof(WireInt32Converter) },
        GenerationMode = JsonSourceGenerationMode.Metadata)]
    [JsonSerializable(typeof(WorkspaceDto))]
    [JsonSerializable(typeof(ExperimentDto))]
    [JsonSerializable(typeof(BucketDto))]
    [JsonSerializable(typeof(EventTypeDto))]
    [JsonSerializable(typeof(SegmentDto))]
    [JsonSerializable(typeof(ContainerDto))]
    [JsonSerializable(typeof(ParameterConfigurationDto))]
    [JsonSerializable(typeof(RemoteConfigParameterDto))]
    internal sealed partial class WorkspaceJsonContext : JsonSerializerContext
    {
    }
}
