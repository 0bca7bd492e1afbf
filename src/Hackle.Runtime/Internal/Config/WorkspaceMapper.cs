using System;
using System.Collections.Generic;
using Hackle.Internal.Model;
using Hackle.Manifest;

namespace Hackle.Internal.Config
{
    /// <summary>
    /// Maps the bound DTOs into the evaluation model with the shared rules of <see cref="ItemRules"/>:
    /// unknown statuses, actions, condition types and segment or parameter types drop only the entity they
    /// belong to (docs/protocol.md §1.3). Each dropped top-level entity is named, with the reason, in the problems list.
    /// </summary>
    internal sealed class WorkspaceMapper
    {
        /// <summary>Which condition key types a target may hold, by where the target sits (docs/protocol.md §1.3, conditions).</summary>
        private enum TargetingContext { Identifier, Property, Segment }

        private readonly List<string> _problems;

        public WorkspaceMapper(List<string> problems) => _problems = problems;

        private void Drop(string what, string reason) => _problems.Add(what + " was dropped: " + reason);

        public HackleWorkspace Map(WorkspaceDto dto)
        {
            // Buckets and parameter configurations first: experiments and rules hold direct references to them.
            var buckets = new Dictionary<long, Bucket>();
            foreach (var b in Items(dto.Buckets))
            {
                var slots = new List<Slot>();
                foreach (var s in Items(b.Slots)) slots.Add(new Slot(s.StartInclusive, s.EndExclusive, s.VariationId));
                buckets[b.Id] = new Bucket(b.Id, b.Seed, b.SlotSize, slots.ToArray());
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
            return new HackleWorkspace(experiments, featureFlags, buckets, eventTypes, segments, containers, remoteConfigParameters, _problems.ToArray());
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

        private Experiment? MapExperiment(ExperimentDto dto, ExperimentType type, References references)
        {
            var execution = dto.Execution;
            var defaultRuleDto = execution?.DefaultRule;
            var problem = ItemRules.ExperimentProblem(dto.Key.HasValue, execution != null, execution?.Status, defaultRuleDto != null,
                defaultRuleDto?.Type, defaultRuleDto?.VariationId.HasValue == true, defaultRuleDto?.BucketId.HasValue == true, out var itemStatus);
            if (problem != null)
            {
                // Named as the generator names it: by key when there is one, else by position.
                var what = dto.Key.HasValue
                    ? (type == ExperimentType.AbTest ? "Experiment " : "Feature flag ") + ItemRules.Display(dto.Name, dto.Key)
                    : (type == ExperimentType.AbTest ? WireSchema.Lists.Experiments : WireSchema.Lists.FeatureFlags) + "[" + dto.Index + "]";
                Drop(what, problem);
                return null;
            }
            var status = itemStatus switch
            {
                ItemStatus.Draft => ExperimentStatus.Draft,
                ItemStatus.Running => ExperimentStatus.Running,
                ItemStatus.Paused => ExperimentStatus.Paused,
                _ => ExperimentStatus.Completed,
            };
            var variations = new List<Variation>();
            foreach (var v in Items(dto.Variations))
            {
                // Keyless variations are skipped (the generator does the same). Keys stay as written, as in
                // Java's model (events carry them so): decisions normalize a..j, and fail with EXCEPTION for
                // a key outside A..J (VariationKeys), which the generator gives no enum member.
                if (v.Key is null) continue;
                variations.Add(new Variation(v.Id, v.Key, VariationKey.IsDropped(v.Status), v.ParameterConfigurationId, references.Config(v.ParameterConfigurationId)));
            }
            var defaultRule = MapAction(execution!.DefaultRule, variations, references)!;

            var experiment = new Experiment
            {
                Id = dto.Id,
                Key = dto.Key!.Value,
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

        private Segment? MapSegment(SegmentDto dto)
        {
            if (dto.Key is null)
            {
                Drop("A segment", "'key' is missing");
                return null;
            }
            SegmentType type;
            switch (dto.Type)
            {
                case "USER_ID": type = SegmentType.UserId; break;
                case "USER_PROPERTY": type = SegmentType.UserProperty; break;
                default:
                    Drop("Segment '" + dto.Key + "'", "'type' is " + (dto.Type is null ? "missing" : "'" + dto.Type + "'") + ", not USER_ID or USER_PROPERTY");
                    return null;
            }
            return new Segment { Id = dto.Id, Key = dto.Key, Type = type, Targets = MapTargets(dto.Targets, TargetingContext.Segment) };
        }

        private RemoteConfigParameter? MapRemoteConfigParameter(RemoteConfigParameterDto dto, References references)
        {
            var problem = ItemRules.RemoteConfigProblem(dto.Key, dto.Type, out var type);
            if (problem != null)
            {
                Drop(string.IsNullOrEmpty(dto.Key) ? WireSchema.Lists.RemoteConfigParameters + "[" + dto.Index + "]" : "Remote-config parameter '" + dto.Key + "'", problem);
                return null;
            }
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
                Key = dto.Key!,
                Type = type,
                IdentifierType = dto.IdentifierType ?? HackleUser.IdType,
                TargetRules = rules.ToArray(),
                DefaultValueId = dto.DefaultValue?.Id,
                DefaultValue = dto.DefaultValue is null ? null : JsonValues.ToObject(dto.DefaultValue.Value),
            };
        }

        private static TargetAction? MapAction(ActionDto? dto, List<Variation> variations, References references)
        {
            if (dto is null || !ItemRules.TryParseAction(dto.Type, dto.VariationId.HasValue, dto.BucketId.HasValue, out var kind)) return null;
            if (kind == ActionKind.Variation)
            {
                var variationId = dto.VariationId!.Value;
                return new TargetAction(ActionType.Variation, variationId, null, variations.Find(v => v.Id == variationId), null);
            }
            return new TargetAction(ActionType.Bucket, null, dto.BucketId, null, references.Bucket(dto.BucketId));
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
            if (!TryOperator(match.Operator, out var op) || !ConfigValueTypes.TryParse(match.ValueType, out var valueType)) return null;
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
