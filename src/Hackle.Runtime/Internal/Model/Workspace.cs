using System.Collections.Generic;
using Hackle.Manifest;

namespace Hackle.Internal.Model
{
    internal sealed class Bucket
    {
        public long Id;
        public int Seed;
        public int SlotSize;
        public Slot[] Slots = System.Array.Empty<Slot>();

        /// <summary>The first slot holding <paramref name="slotNumber"/>, or null.</summary>
        public Slot? GetSlot(int slotNumber)
        {
            var slots = Slots;
            for (var i = 0; i < slots.Length; i++)
            {
                if (slots[i].StartInclusive <= slotNumber && slotNumber < slots[i].EndExclusive) return slots[i];
            }
            return null;
        }
    }

    internal sealed class Slot
    {
        public Slot(int startInclusive, int endExclusive, long variationId)
        {
            StartInclusive = startInclusive;
            EndExclusive = endExclusive;
            VariationId = variationId;
        }

        public int StartInclusive { get; }
        public int EndExclusive { get; }
        public long VariationId { get; }
    }

    internal sealed class Container
    {
        public long Id;
        public long BucketId;
        /// <summary>The container's bucket, resolved at parse time; null when missing.</summary>
        public Bucket? Bucket;
        public Dictionary<long, long[]> Groups = new Dictionary<long, long[]>();
    }

    internal enum SegmentType { UserId, UserProperty }

    internal sealed class Segment
    {
        public long Id;
        public string Key = "";
        public SegmentType Type;
        public Target[] Targets = System.Array.Empty<Target>();
    }

    internal sealed class EventType
    {
        public EventType(long id, string key)
        {
            Id = id;
            Key = key;
        }

        public long Id { get; }
        public string Key { get; }
    }

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

    internal sealed class RemoteConfigTargetRule
    {
        public string Key = "";
        public string Name = "";
        public Target Target = null!;
        public long BucketId;
        /// <summary>The rollout bucket, resolved at parse time; null when missing.</summary>
        public Bucket? Bucket;
        public long? ValueId;
        public object? Value;
    }
}
