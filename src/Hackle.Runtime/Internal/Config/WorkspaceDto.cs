using System.Collections.Generic;
using System.Text.Json;

// Wire-format DTOs of GET /api/v2/workspaces/{sdkKey}/config (docs/protocol.md §1.2). They mirror
// Hackle.Manifest.WireSchema field for field (WireSchemaTests checks it): a field of the wrong JSON kind
// fails the deserialization of its entity, and the parser then drops that entity alone. Every field is
// optional on the wire; the mapper decides what a missing or unknown value means.
namespace Hackle.Internal.Config
{
    internal sealed class WorkspaceDto
    {
        public List<ExperimentDto?>? Experiments { get; set; }
        public List<ExperimentDto?>? FeatureFlags { get; set; }
        public List<BucketDto?>? Buckets { get; set; }
        public List<EventTypeDto?>? Events { get; set; }
        public List<SegmentDto?>? Segments { get; set; }
        public List<ContainerDto?>? Containers { get; set; }
        public List<ParameterConfigurationDto?>? ParameterConfigurations { get; set; }
        public List<RemoteConfigParameterDto?>? RemoteConfigParameters { get; set; }
    }

    /// <summary>An entity of a root list, which messages name by its position when it has no usable key.</summary>
    internal abstract class ListItemDto
    {
        /// <summary>The position in its list, counting null items too (a field, so the binder ignores it).</summary>
        internal int Index;
    }

    internal sealed class ExperimentDto : ListItemDto
    {
        public long Id { get; set; }
        public long? Key { get; set; }
        public string? Name { get; set; }
        public int? Version { get; set; }
        public string? IdentifierType { get; set; }
        public long? ContainerId { get; set; }
        public long? WinnerVariationId { get; set; }
        public List<VariationDto?>? Variations { get; set; }
        public ExecutionDto? Execution { get; set; }
    }

    internal sealed class VariationDto
    {
        public long Id { get; set; }
        public string? Key { get; set; }
        public string? Status { get; set; }
        public long? ParameterConfigurationId { get; set; }
    }

    internal sealed class ExecutionDto
    {
        public string? Status { get; set; }
        public int? Version { get; set; }
        public List<UserOverrideDto?>? UserOverrides { get; set; }
        public List<TargetRuleDto?>? SegmentOverrides { get; set; }
        public List<TargetDto?>? TargetAudiences { get; set; }
        public List<TargetRuleDto?>? TargetRules { get; set; }
        public ActionDto? DefaultRule { get; set; }
    }

    internal sealed class UserOverrideDto
    {
        public string? UserId { get; set; }
        public long VariationId { get; set; }
    }

    internal sealed class ActionDto
    {
        public string? Type { get; set; }
        public long? VariationId { get; set; }
        public long? BucketId { get; set; }
    }

    internal sealed class TargetRuleDto
    {
        public TargetDto? Target { get; set; }
        public ActionDto? Action { get; set; }
    }

    internal sealed class TargetDto
    {
        public List<ConditionDto?>? Conditions { get; set; }
    }

    internal sealed class ConditionDto
    {
        public KeyDto? Key { get; set; }
        public MatchDto? Match { get; set; }
    }

    internal sealed class KeyDto
    {
        public string? Type { get; set; }
        public string? Name { get; set; }
    }

    internal sealed class MatchDto
    {
        public string? Type { get; set; }
        public string? Operator { get; set; }
        public string? ValueType { get; set; }
        public List<JsonElement>? Values { get; set; }
    }

    internal sealed class BucketDto
    {
        public long Id { get; set; }
        public int Seed { get; set; }
        public int SlotSize { get; set; }
        public List<SlotDto?>? Slots { get; set; }
    }

    internal sealed class SlotDto
    {
        public int StartInclusive { get; set; }
        public int EndExclusive { get; set; }
        public long VariationId { get; set; }
    }

    internal sealed class EventTypeDto
    {
        public long Id { get; set; }
        public string? Key { get; set; }
    }

    internal sealed class SegmentDto
    {
        public long Id { get; set; }
        public string? Key { get; set; }
        public string? Type { get; set; }
        public List<TargetDto?>? Targets { get; set; }
    }

    internal sealed class ContainerDto
    {
        public long Id { get; set; }
        public long BucketId { get; set; }
        public List<ContainerGroupDto?>? Groups { get; set; }
    }

    internal sealed class ContainerGroupDto
    {
        public long Id { get; set; }
        public List<long>? Experiments { get; set; }
    }

    internal sealed class ParameterConfigurationDto
    {
        public long Id { get; set; }
        public List<ParameterDto?>? Parameters { get; set; }
    }

    internal sealed class ParameterDto
    {
        public string? Key { get; set; }
        public JsonElement Value { get; set; }
    }

    internal sealed class RemoteConfigParameterDto : ListItemDto
    {
        public long Id { get; set; }
        public string? Key { get; set; }
        public string? Type { get; set; }
        public string? IdentifierType { get; set; }
        public List<RemoteConfigTargetRuleDto?>? TargetRules { get; set; }
        public RemoteConfigValueDto? DefaultValue { get; set; }
    }

    internal sealed class RemoteConfigTargetRuleDto
    {
        public string? Key { get; set; }
        public string? Name { get; set; }
        public TargetDto? Target { get; set; }
        public long BucketId { get; set; }
        public RemoteConfigValueDto? Value { get; set; }
    }

    internal sealed class RemoteConfigValueDto
    {
        public long? Id { get; set; }
        public JsonElement Value { get; set; }
    }
}
