using System;
using System.Collections.Generic;
using System.Text.Json;
using Hackle.Internal.Model;
using ValueType = Hackle.Internal.Model.ValueType;

namespace Hackle.Internal.Config
{
    /// <summary>
    /// Turns the wire format into the evaluation model, tolerantly (spec §1.3): unknown statuses,
    /// actions, condition types and segment or parameter types drop only the entity they belong to.
    /// Only text that is not JSON, or has the wrong JSON shape, rejects the config as a whole.
    /// </summary>
    internal static class WorkspaceParser
    {
        /// <summary>Which condition key types a target may hold, by where the target sits (J TargetingType).</summary>
        private enum TargetingContext { Identifier, Property, Segment }

        public static HackleWorkspace Parse(ReadOnlySpan<byte> utf8Json)
        {
            if (utf8Json.Length > HackleWorkspace.MaxConfigBytes)
                throw new HackleConfigException($"Workspace config is {utf8Json.Length} bytes; the limit is {HackleWorkspace.MaxConfigBytes}.");
            WorkspaceDto? dto;
            try
            {
                dto = JsonSerializer.Deserialize(utf8Json, WorkspaceJsonContext.Default.WorkspaceDto);
            }
            catch (JsonException e)
            {
                long? line = e.LineNumber + 1, column = e.BytePositionInLine + 1;
                var where = e.LineNumber.HasValue ? $" at line {line}, position {column}" : "";
                throw new HackleConfigException($"Workspace config is not valid{where}: {FirstSentence(e.Message)}", e.LineNumber.HasValue ? line : null, e.BytePositionInLine.HasValue ? column : null, e);
            }
            if (dto is null) throw new HackleConfigException("Workspace config is empty (JSON null).");
            return Map(dto);
        }

        private static string FirstSentence(string message)
        {
            // STJ appends "Path: $.x | LineNumber: 0 | BytePositionInLine: 5."; we report 1-based positions ourselves.
            var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
            var path = message.IndexOf("Path: ", StringComparison.Ordinal);
            var pathText = path >= 0 ? message.Substring(path + 6).Split('|')[0].Trim() : null;
            var head = cut > 0 ? message.Substring(0, cut) : message;
            return pathText is null ? head : head + " (at " + pathText + ")";
        }

        private static HackleWorkspace Map(WorkspaceDto dto)
        {
            // Buckets and parameter configurations first: experiments and rules hold direct references to them.
            var buckets = new Dictionary<long, Bucket>();
            foreach (var b in Items(dto.Buckets))
            {
                var slots = new List<Slot>();
                foreach (var s in Items(b.Slots)) slots.Add(new Slot(s.StartInclusive, s.EndExclusive, s.VariationId));
                buckets[b.Id] = new Bucket { Id = b.Id, Seed = b.Seed, SlotSize = b.SlotSize, Slots = slots.ToArray() };
            }
            var parameterConfigurations = new Dictionary<long, ParameterConfig>();
            foreach (var p in Items(dto.ParameterConfigurations))
            {
                var parameters = new Dictionary<string, object?>(StringComparer.Ordinal);
                foreach (var parameter in Items(p.Parameters))
                {
                    if (parameter.Key != null) parameters[parameter.Key] = JsonValues.ToObject(parameter.Value);
                }
                parameterConfigurations[p.Id] = new ParameterConfig(p.Id, parameters);
            }
            var references = new References(buckets, parameterConfigurations);

            var experiments = new Dictionary<long, Experiment>();
            foreach (var e in Items(dto.Experiments))
            {
                var experiment = MapExperiment(e, ExperimentType.AbTest, references);
                if (experiment != null) experiments[experiment.Key] = experiment;
            }
            var featureFlags = new Dictionary<long, Experiment>();
            foreach (var e in Items(dto.FeatureFlags))
            {
                var flag = MapExperiment(e, ExperimentType.FeatureFlag, references);
                if (flag != null) featureFlags[flag.Key] = flag;
            }
            var eventTypes = new Dictionary<string, EventType>(StringComparer.Ordinal);
            foreach (var e in Items(dto.Events))
            {
                if (e.Key != null) eventTypes[e.Key] = new EventType(e.Id, e.Key);
            }
            var segments = new Dictionary<string, Segment>(StringComparer.Ordinal);
            foreach (var s in Items(dto.Segments))
            {
                var segment = MapSegment(s);
                if (segment != null) segments[segment.Key] = segment;
            }
            var containers = new Dictionary<long, Container>();
            foreach (var c in Items(dto.Containers))
            {
                var container = new Container { Id = c.Id, BucketId = c.BucketId, Bucket = references.Bucket(c.BucketId) };
                foreach (var g in Items(c.Groups)) container.Groups[g.Id] = g.Experiments?.ToArray() ?? Array.Empty<long>();
                containers[c.Id] = container;
            }
            var remoteConfigParameters = new Dictionary<string, RemoteConfigParameter>(StringComparer.Ordinal);
            foreach (var r in Items(dto.RemoteConfigParameters))
            {
                var parameter = MapRemoteConfigParameter(r, references);
                if (parameter != null) remoteConfigParameters[parameter.Key] = parameter;
            }
            return new HackleWorkspace(experiments, featureFlags, buckets, eventTypes, segments, containers, remoteConfigParameters);
        }

        /// <summary>Lookups used to resolve ids into references while mapping.</summary>
        private sealed class References
        {
            private readonly Dictionary<long, Bucket> _buckets;
            private readonly Dictionary<long, ParameterConfig> _configs;

            public References(Dictionary<long, Bucket> buckets, Dictionary<long, ParameterConfig> configs)
            {
                _buckets = buckets;
                _configs = configs;
            }

            public Bucket? Bucket(long? id) => id is long key && _buckets.TryGetValue(key, out var bucket) ? bucket : null;

            public ParameterConfig? Config(long? id) => id is long key && _configs.TryGetValue(key, out var config) ? config : null;
        }

        private static Experiment? MapExperiment(ExperimentDto dto, ExperimentType type, References references)
        {
            var execution = dto.Execution;
            if (execution is null) return null;
            ExperimentStatus status;
            switch (execution.Status)
            {
                case "READY": status = ExperimentStatus.Draft; break;
                case "RUNNING": status = ExperimentStatus.Running; break;
                case "PAUSED": status = ExperimentStatus.Paused; break;
                case "STOPPED": status = ExperimentStatus.Completed; break;
                default: return null;
            }
            var variations = new List<Variation>();
            foreach (var v in Items(dto.Variations))
            {
                if (v.Key is null) continue;
                variations.Add(new Variation(v.Id, v.Key, v.Status == "DROPPED", v.ParameterConfigurationId, references.Config(v.ParameterConfigurationId)));
            }
            var defaultRule = MapAction(execution.DefaultRule, variations, references);
            if (defaultRule is null) return null;

            var experiment = new Experiment
            {
                Id = dto.Id,
                Key = dto.Key,
                Name = dto.Name,
                Type = type,
                IdentifierType = dto.IdentifierType ?? HackleUser.IdType,
                Status = status,
                Version = dto.Version ?? 0,
                ExecutionVersion = execution.Version ?? 0,
                Variations = variations.ToArray(),
                DefaultRule = defaultRule,
                ContainerId = dto.ContainerId,
                WinnerVariationId = dto.WinnerVariationId,
                SegmentOverrides = MapRules(execution.SegmentOverrides, TargetingContext.Identifier, variations, references),
                TargetRules = MapRules(execution.TargetRules, TargetingContext.Property, variations, references),
                TargetAudiences = MapTargets(execution.TargetAudiences, TargetingContext.Property),
            };
            foreach (var o in Items(execution.UserOverrides))
            {
                if (o.UserId != null) experiment.UserOverrides[o.UserId] = o.VariationId;
            }
            return experiment;
        }

        private static Segment? MapSegment(SegmentDto dto)
        {
            if (dto.Key is null) return null;
            SegmentType type;
            switch (dto.Type)
            {
                case "USER_ID": type = SegmentType.UserId; break;
                case "USER_PROPERTY": type = SegmentType.UserProperty; break;
                default: return null;
            }
            return new Segment { Id = dto.Id, Key = dto.Key, Type = type, Targets = MapTargets(dto.Targets, TargetingContext.Segment) };
        }

        private static RemoteConfigParameter? MapRemoteConfigParameter(RemoteConfigParameterDto dto, References references)
        {
            if (dto.Key is null || !TryValueType(dto.Type, out var type)) return null;
            var rules = new List<RemoteConfigTargetRule>();
            foreach (var r in Items(dto.TargetRules))
            {
                var target = MapTarget(r.Target, TargetingContext.Property);
                if (target is null) continue;
                rules.Add(new RemoteConfigTargetRule
                {
                    Key = r.Key ?? "",
                    Name = r.Name ?? "",
                    Target = target,
                    BucketId = r.BucketId,
                    Bucket = references.Bucket(r.BucketId),
                    ValueId = r.Value?.Id,
                    Value = r.Value is null ? null : JsonValues.ToObject(r.Value.Value),
                });
            }
            return new RemoteConfigParameter
            {
                Id = dto.Id,
                Key = dto.Key,
                Type = type,
                IdentifierType = dto.IdentifierType ?? HackleUser.IdType,
                TargetRules = rules.ToArray(),
                DefaultValueId = dto.DefaultValue?.Id,
                DefaultValue = dto.DefaultValue is null ? null : JsonValues.ToObject(dto.DefaultValue.Value),
            };
        }

        private static TargetAction? MapAction(ActionDto? dto, List<Variation> variations, References references)
        {
            if (dto is null) return null;
            switch (dto.Type)
            {
                case "VARIATION":
                    if (!(dto.VariationId is long variationId)) return null;
                    return new TargetAction(ActionType.Variation, variationId, null, variations.Find(v => v.Id == variationId), null);
                case "BUCKET":
                    return dto.BucketId.HasValue ? new TargetAction(ActionType.Bucket, null, dto.BucketId, null, references.Bucket(dto.BucketId)) : null;
                default:
                    return null;
            }
        }

        private static TargetRule[] MapRules(List<TargetRuleDto?>? dtos, TargetingContext context, List<Variation> variations, References references)
        {
            var rules = new List<TargetRule>();
            foreach (var r in Items(dtos))
            {
                var target = MapTarget(r.Target, context);
                var action = MapAction(r.Action, variations, references);
                if (target != null && action != null) rules.Add(new TargetRule(target, action));
            }
            return rules.ToArray();
        }

        private static Target[] MapTargets(List<TargetDto?>? dtos, TargetingContext context)
        {
            var targets = new List<Target>();
            foreach (var t in Items(dtos))
            {
                var target = MapTarget(t, context);
                if (target != null) targets.Add(target);
            }
            return targets.ToArray();
        }

        private static Target? MapTarget(TargetDto? dto, TargetingContext context)
        {
            if (dto is null) return null;
            var conditions = new List<Condition>();
            foreach (var c in Items(dto.Conditions))
            {
                var condition = MapCondition(c, context);
                if (condition != null) conditions.Add(condition);
            }
            // A target whose conditions were all dropped is dropped too (it does not become "match all").
            return conditions.Count == 0 ? null : new Target(conditions.ToArray());
        }

        private static Condition? MapCondition(ConditionDto dto, TargetingContext context)
        {
            var key = dto.Key;
            var match = dto.Match;
            if (key is null || match is null || key.Name is null) return null;
            if (!TryKeyType(key.Type, out var keyType) || !IsAllowed(keyType, context)) return null;
            MatchType matchType;
            switch (match.Type)
            {
                case "MATCH": matchType = MatchType.Match; break;
                case "NOT_MATCH": matchType = MatchType.NotMatch; break;
                default: return null;
            }
            if (!TryOperator(match.Operator, out var op) || !TryValueType(match.ValueType, out var valueType)) return null;
            var values = new List<MatchValue>();
            if (match.Values != null)
            {
                foreach (var v in match.Values) values.Add(new MatchValue(JsonValues.ToObject(v)));
            }
            return new Condition(keyType, key.Name, matchType, op, valueType, values.ToArray());
        }

        private static bool IsAllowed(KeyType keyType, TargetingContext context) => context switch
        {
            TargetingContext.Identifier => keyType == KeyType.Segment,
            TargetingContext.Property => keyType != KeyType.UserId,
            _ => keyType == KeyType.UserId || keyType == KeyType.UserProperty || keyType == KeyType.HackleProperty ||
                 keyType == KeyType.Cohort || keyType == KeyType.NumberOfEventsInDays || keyType == KeyType.NumberOfEventsWithPropertyInDays,
        };

        private static bool TryKeyType(string? text, out KeyType type)
        {
            switch (text)
            {
                case "USER_ID": type = KeyType.UserId; return true;
                case "USER_PROPERTY": type = KeyType.UserProperty; return true;
                case "HACKLE_PROPERTY": type = KeyType.HackleProperty; return true;
                case "SEGMENT": type = KeyType.Segment; return true;
                case "AB_TEST": type = KeyType.AbTest; return true;
                case "FEATURE_FLAG": type = KeyType.FeatureFlag; return true;
                case "EVENT_PROPERTY": type = KeyType.EventProperty; return true;
                case "COHORT": type = KeyType.Cohort; return true;
                case "NUMBER_OF_EVENTS_IN_DAYS": type = KeyType.NumberOfEventsInDays; return true;
                case "NUMBER_OF_EVENTS_WITH_PROPERTY_IN_DAYS": type = KeyType.NumberOfEventsWithPropertyInDays; return true;
                default: type = default; return false;
            }
        }

        private static bool TryOperator(string? text, out Operator op)
        {
            switch (text)
            {
                case "IN": op = Operator.In; return true;
                case "CONTAINS": op = Operator.Contains; return true;
                case "STARTS_WITH": op = Operator.StartsWith; return true;
                case "ENDS_WITH": op = Operator.EndsWith; return true;
                case "GT": op = Operator.Gt; return true;
                case "GTE": op = Operator.Gte; return true;
                case "LT": op = Operator.Lt; return true;
                case "LTE": op = Operator.Lte; return true;
                case "EXISTS": op = Operator.Exists; return true;
                default: op = default; return false;
            }
        }

        internal static bool TryValueType(string? text, out ValueType type)
        {
            switch (text)
            {
                case "STRING": type = ValueType.String; return true;
                case "NUMBER": type = ValueType.Number; return true;
                case "BOOLEAN": type = ValueType.Boolean; return true;
                case "VERSION": type = ValueType.Version; return true;
                case "JSON": type = ValueType.Json; return true;
                default: type = default; return false;
            }
        }

        private static IEnumerable<T> Items<T>(List<T?>? list) where T : class
        {
            if (list is null) yield break;
            foreach (var item in list)
            {
                if (item != null) yield return item;
            }
        }
    }
}
