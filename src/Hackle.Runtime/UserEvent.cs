using System;
using System.Threading;

namespace Hackle
{
    /// <summary>An event bound for Hackle's event API: an exposure, a tracked event or a remote-config evaluation.</summary>
    public abstract class UserEvent
    {
        private string? _insertId;

        private protected UserEvent(HackleUser user, long timestamp, string? insertId)
        {
            User = user;
            Timestamp = timestamp;
            _insertId = insertId;
        }

        /// <summary>
        /// A random UUID v4 that lets the server de-duplicate retried batches. It is made on first
        /// read (at serialization, off the decision path: Guid.NewGuid asks the OS for random bytes)
        /// and then kept, so a retried batch carries the same ids.
        /// </summary>
        public string InsertId
        {
            get
            {
                var id = Volatile.Read(ref _insertId);
                if (id != null) return id;
                Interlocked.CompareExchange(ref _insertId, Guid.NewGuid().ToString(), null);
                return _insertId!;
            }
        }

        /// <summary>The insertId if one was made already, else null; makes none.</summary>
        internal string? InsertIdIfMade => Volatile.Read(ref _insertId);

        /// <summary>When the event happened, in Unix epoch milliseconds.</summary>
        public long Timestamp { get; }

        /// <summary>The user the event is about.</summary>
        public HackleUser User { get; }

        internal static long Now() => Internal.EventClock.UnixMilliseconds();
    }

    /// <summary>Records that a user was exposed to a variation of an A/B test or feature flag.</summary>
    public sealed class ExposureEvent : UserEvent
    {
        internal ExposureEvent(HackleUser user, long timestamp, string? insertId = null) : base(user, timestamp, insertId)
        {
        }

        /// <summary>The experiment or flag id.</summary>
        public long ExperimentId { get; internal set; }
        /// <summary>The experiment or flag key.</summary>
        public long ExperimentKey { get; internal set; }
        /// <summary>"AB_TEST" or "FEATURE_FLAG".</summary>
        public string ExperimentType { get; internal set; } = "AB_TEST";
        /// <summary>The experiment version.</summary>
        public int ExperimentVersion { get; internal set; }
        /// <summary>The execution version.</summary>
        public int ExecutionVersion { get; internal set; }
        /// <summary>The decided variation id; null when the default key names no variation.</summary>
        public long? VariationId { get; internal set; }
        /// <summary>The decided variation key.</summary>
        public string VariationKey { get; internal set; } = "A";
        /// <summary>Why the variation was decided.</summary>
        public DecisionReason Reason { get; internal set; }
        /// <summary>The variation's parameter configuration id, if it has one.</summary>
        public long? ParameterConfigurationId { get; internal set; }
        /// <summary>"EXPERIMENT" or "REMOTE_CONFIG" for exposures of nested targeting evaluations, else null.</summary>
        public string? TargetingRootType { get; internal set; }
        /// <summary>The id of the root experiment or parameter of a nested evaluation.</summary>
        public long? TargetingRootId { get; internal set; }
    }

    /// <summary>An event the application tracked, such as a purchase.</summary>
    public sealed class TrackEvent : UserEvent
    {
        internal TrackEvent(HackleUser user, long timestamp, long eventTypeId, HackleEvent hackleEvent, string? insertId = null)
            : base(user, timestamp, insertId)
        {
            EventTypeId = eventTypeId;
            Event = hackleEvent;
        }

        /// <summary>The event type id from the workspace config, or 0 when the key is not defined there.</summary>
        public long EventTypeId { get; }
        /// <summary>The tracked event.</summary>
        public HackleEvent Event { get; }
    }

    /// <summary>Records a remote-config evaluation.</summary>
    public sealed class RemoteConfigEvent : UserEvent
    {
        internal RemoteConfigEvent(HackleUser user, long timestamp, string? insertId = null) : base(user, timestamp, insertId)
        {
        }

        /// <summary>The parameter id.</summary>
        public long ParameterId { get; internal set; }
        /// <summary>The parameter key.</summary>
        public string ParameterKey { get; internal set; } = "";
        /// <summary>The parameter's value type: "STRING", "NUMBER", "BOOLEAN", ...</summary>
        public string ParameterType { get; internal set; } = "STRING";
        /// <summary>The id of the returned value, null for the caller's default.</summary>
        public long? ValueId { get; internal set; }
        /// <summary>Why the value was returned.</summary>
        public DecisionReason Reason { get; internal set; }
        /// <summary>The requested value type.</summary>
        public string RequestValueType { get; internal set; } = "STRING";
        /// <summary>The caller's default value.</summary>
        public object? RequestDefaultValue { get; internal set; }
        /// <summary>The key of the matched target rule, if any.</summary>
        public string? TargetRuleKey { get; internal set; }
        /// <summary>The name of the matched target rule, if any.</summary>
        public string? TargetRuleName { get; internal set; }
        /// <summary>The returned value.</summary>
        public object? ReturnValue { get; internal set; }
    }
}
