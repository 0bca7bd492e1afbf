namespace Hackle.Internal.Model
{
    internal sealed class Variation
    {
        public Variation(long id, string key, bool isDropped, long? parameterConfigurationId, ParameterConfig? config)
        {
            Id = id;
            Key = key;
            IsDropped = isDropped;
            ParameterConfigurationId = parameterConfigurationId;
            Config = config;
        }

        public long Id { get; }
        public string Key { get; }
        public bool IsDropped { get; }
        public long? ParameterConfigurationId { get; }
        /// <summary>The parameter configuration, looked up at parse time; null when there is none or it is missing.</summary>
        public ParameterConfig? Config { get; }
        /// <summary>True when the variation names a parameter configuration the workspace lacks (an error, as in Java).</summary>
        public bool IsConfigMissing => ParameterConfigurationId.HasValue && Config is null;
        /// <summary><c>,"variationId":…,"variationKey":"…"</c> as the delivery's payload writer encoded them (it makes and reads them; the variation never changes).</summary>
        public byte[]? EncodedExposureFields { get; set; }
    }
}
