using System.Text;

namespace Hackle.Benchmarks;

/// <summary>The configs the benchmarks run on: the repo's hackle.flags.json and a generated 1,000 + 1,000 workspace.</summary>
public static class BenchmarkConfigs
{
    public static string ManifestPath => Path.Combine(AppContext.BaseDirectory, "hackle.flags.json");

    /// <summary>The user of every single-user benchmark: a UUID id, as most services have.</summary>
    public const string UserId = "3f0a7c2e-5b7d-4c1e-9a52-1d2f0b9e6a41";

    /// <summary>An offline client over <paramref name="workspace"/> whose events are counted and discarded.</summary>
    public static HackleClient OfflineClient(HackleWorkspace workspace) =>
        HackleClient.Create("bench-" + Guid.NewGuid().ToString("N"), new HackleClientOptions
        {
            Offline = true,
            Workspace = workspace,
            EventSink = new DiscardingEventSink(),
        });

    /// <summary>
    /// A workspace with <paramref name="experiments"/> running A/B tests (A/B/C over 90 % of traffic) and
    /// <paramref name="flags"/> flags; every other flag has a property rule and a 30 % rollout, the rest no rules.
    /// </summary>
    public static string Large(int experiments = 1000, int flags = 1000)
    {
        var sb = new StringBuilder(1 << 20);
        sb.Append("{\"workspace\":{\"id\":1,\"environment\":{\"id\":1}},\"experiments\":[");
        for (var i = 1; i <= experiments; i++)
        {
            if (i > 1) sb.Append(',');
            var id = i;
            sb.Append($"{{\"id\":{id},\"key\":{i},\"name\":\"Experiment {i}\",\"version\":1,\"identifierType\":\"$id\",\"containerId\":null,\"winnerVariationId\":null,");
            sb.Append($"\"variations\":[{{\"id\":{id * 10 + 1},\"key\":\"A\",\"status\":\"ACTIVE\"}},{{\"id\":{id * 10 + 2},\"key\":\"B\",\"status\":\"ACTIVE\"}},{{\"id\":{id * 10 + 3},\"key\":\"C\",\"status\":\"ACTIVE\"}}],");
            sb.Append($"\"execution\":{{\"status\":\"RUNNING\",\"version\":1,\"userOverrides\":[],\"segmentOverrides\":[],\"targetAudiences\":[],\"targetRules\":[],\"defaultRule\":{{\"type\":\"BUCKET\",\"bucketId\":{id}}}}}}}");
        }
        sb.Append("],\"featureFlags\":[");
        for (var i = 1; i <= flags; i++)
        {
            if (i > 1) sb.Append(',');
            var id = 100000 + i;
            var rules = i % 2 == 0
                ? $"[{{\"target\":{{\"conditions\":[{{\"key\":{{\"type\":\"USER_PROPERTY\",\"name\":\"grade\"}},\"match\":{{\"type\":\"MATCH\",\"operator\":\"IN\",\"valueType\":\"STRING\",\"values\":[\"GOLD\",\"VIP\"]}}}}]}},\"action\":{{\"type\":\"VARIATION\",\"variationId\":{id * 10 + 2}}}}}]"
                : "[]";
            sb.Append($"{{\"id\":{id},\"key\":{i},\"name\":\"Flag {i}\",\"version\":1,\"identifierType\":\"$id\",\"containerId\":null,\"winnerVariationId\":null,");
            sb.Append($"\"variations\":[{{\"id\":{id * 10 + 1},\"key\":\"A\",\"status\":\"ACTIVE\"}},{{\"id\":{id * 10 + 2},\"key\":\"B\",\"status\":\"ACTIVE\"}}],");
            sb.Append($"\"execution\":{{\"status\":\"RUNNING\",\"version\":1,\"userOverrides\":[],\"segmentOverrides\":[],\"targetAudiences\":[],\"targetRules\":{rules},\"defaultRule\":{{\"type\":\"BUCKET\",\"bucketId\":{id}}}}}}}");
        }
        sb.Append("],\"buckets\":[");
        for (var i = 1; i <= experiments; i++)
        {
            if (i > 1) sb.Append(',');
            sb.Append($"{{\"id\":{i},\"seed\":{i * 7919},\"slotSize\":10000,\"slots\":[{{\"startInclusive\":0,\"endExclusive\":3000,\"variationId\":{i * 10 + 1}}},{{\"startInclusive\":3000,\"endExclusive\":6000,\"variationId\":{i * 10 + 2}}},{{\"startInclusive\":6000,\"endExclusive\":9000,\"variationId\":{i * 10 + 3}}}]}}");
        }
        for (var i = 1; i <= flags; i++)
        {
            var id = 100000 + i;
            sb.Append($",{{\"id\":{id},\"seed\":{i * 104729},\"slotSize\":10000,\"slots\":[{{\"startInclusive\":0,\"endExclusive\":3000,\"variationId\":{id * 10 + 2}}},{{\"startInclusive\":3000,\"endExclusive\":10000,\"variationId\":{id * 10 + 1}}}]}}");
        }
        sb.Append("],\"events\":[{\"id\":1,\"key\":\"purchase\"}],\"segments\":[],\"containers\":[],\"parameterConfigurations\":[],\"remoteConfigParameters\":[]}");
        return sb.ToString();
    }
}

/// <summary>Small configs for the targeting scenarios: a mutual-exclusion container and a nested AB_TEST condition.</summary>
public static class TargetingConfigs
{
    /// <summary>
    /// Experiment 1 sits in container 1 (group 1 holds it, half of the traffic); experiment 2 targets users
    /// for whom experiment 3 decided B; experiment 3 gives everyone B.
    /// </summary>
    public const string Json = """
    {
      "workspace": { "id": 1, "environment": { "id": 1 } },
      "experiments": [
        { "id": 1, "key": 1, "version": 1, "identifierType": "$id", "containerId": 1,
          "variations": [ { "id": 11, "key": "A", "status": "ACTIVE" }, { "id": 12, "key": "B", "status": "ACTIVE" } ],
          "execution": { "status": "RUNNING", "version": 1, "userOverrides": [], "segmentOverrides": [], "targetAudiences": [], "targetRules": [],
                         "defaultRule": { "type": "BUCKET", "bucketId": 2 } } },
        { "id": 2, "key": 2, "version": 1, "identifierType": "$id",
          "variations": [ { "id": 21, "key": "A", "status": "ACTIVE" }, { "id": 22, "key": "B", "status": "ACTIVE" } ],
          "execution": { "status": "RUNNING", "version": 1, "userOverrides": [], "segmentOverrides": [],
                         "targetAudiences": [ { "conditions": [ { "key": { "type": "AB_TEST", "name": "3" },
                           "match": { "type": "MATCH", "operator": "IN", "valueType": "STRING", "values": [ "B" ] } } ] } ],
                         "targetRules": [], "defaultRule": { "type": "BUCKET", "bucketId": 2 } } },
        { "id": 3, "key": 3, "version": 1, "identifierType": "$id",
          "variations": [ { "id": 31, "key": "A", "status": "ACTIVE" }, { "id": 32, "key": "B", "status": "ACTIVE" } ],
          "execution": { "status": "RUNNING", "version": 1, "userOverrides": [], "segmentOverrides": [], "targetAudiences": [], "targetRules": [],
                         "defaultRule": { "type": "VARIATION", "variationId": 32 } } }
      ],
      "featureFlags": [],
      "buckets": [
        { "id": 1, "seed": 11, "slotSize": 10000, "slots": [ { "startInclusive": 0, "endExclusive": 10000, "variationId": 1 } ] },
        { "id": 2, "seed": 22, "slotSize": 10000, "slots": [ { "startInclusive": 0, "endExclusive": 5000, "variationId": 11 }, { "startInclusive": 5000, "endExclusive": 10000, "variationId": 12 } ] }
      ],
      "events": [], "segments": [],
      "containers": [ { "id": 1, "environmentId": 1, "bucketId": 1, "groups": [ { "id": 1, "experiments": [ 1 ] } ] } ],
      "parameterConfigurations": [], "remoteConfigParameters": []
    }
    """;
}
