using Hackle.Manifest;

namespace Hackle.Internal.Model
{
    internal sealed class RemoteConfigParameter
    {
        public long Id;
        public string Key = "";
        public ConfigValueType Type;
        public string IdentifierType = "$id";
        public RemoteConfigTargetRule[] TargetRules = System.Array.Empty<RemoteConfigTargetRule>();
        public long? DefaultValueId;
        public object? DefaultValue;
    }
}
