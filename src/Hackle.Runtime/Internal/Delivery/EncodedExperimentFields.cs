using Hackle.Internal.Model;

namespace Hackle.Internal.Delivery
{
    /// <summary>
    /// The parts of an exposure that depend on its experiment alone, as the payload writer wrote them the first
    /// time (UTF-8 JSON), kept on the experiment so that later exposures copy them. The model's fields can be
    /// set after parsing (tests build experiments field by field), so the bytes are used only while the values
    /// they were written from are still the experiment's.
    /// </summary>
    internal sealed class EncodedExperimentFields
    {
        private readonly long _id;
        private readonly long _key;
        private readonly ExperimentType _type;
        private readonly int _version;
        private readonly int _executionVersion;

        public EncodedExperimentFields(Experiment experiment, byte[] head, byte[] versions)
        {
            _id = experiment.Id;
            _key = experiment.Key;
            _type = experiment.Type;
            _version = experiment.Version;
            _executionVersion = experiment.ExecutionVersion;
            Head = head;
            Versions = versions;
        }

        /// <summary><c>,"experimentId":…,"experimentKey":…,"experimentType":"…","experimentVersion":…</c></summary>
        public byte[] Head { get; }

        /// <summary><c>"$experiment_version":…,"$execution_version":…</c> (inside the properties).</summary>
        public byte[] Versions { get; }

        /// <summary>True while the experiment still has the values these bytes were written from.</summary>
        public bool IsFor(Experiment experiment) =>
            experiment.Id == _id && experiment.Key == _key && experiment.Type == _type &&
            experiment.Version == _version && experiment.ExecutionVersion == _executionVersion;
    }
}
