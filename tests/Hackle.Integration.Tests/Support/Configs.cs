using System.Globalization;

namespace Hackle.Integration.Tests.Support;

/// <summary>Small workspace configs in Hackle's wire format: one feature flag (key 7) and one event type ("purchase").</summary>
public static class Configs
{
    public const long FlagKey = 7;
    public const long PurchaseEventTypeId = 9001;

    /// <summary>The flag is on for everyone, or off for everyone; <paramref name="padding"/> adds bytes (size tests).</summary>
    public static string Flag(bool on, int padding = 0)
    {
        var variation = on ? 20072 : 20071;
        var filler = padding > 0 ? new string('x', padding) : "";
        return $$"""
        {
          "workspace": { "id": 1, "environment": { "id": 2, "key": "test" } },
          "experiments": [],
          "featureFlags": [
            {
              "id": 2007, "key": {{FlagKey}}, "name": "Checkout{{filler}}", "version": 1, "identifierType": "$id",
              "variations": [
                { "id": 20071, "key": "A", "status": "ACTIVE" },
                { "id": 20072, "key": "B", "status": "ACTIVE" }
              ],
              "execution": {
                "status": "RUNNING", "version": 1, "userOverrides": [], "segmentOverrides": [],
                "targetAudiences": [], "targetRules": [],
                "defaultRule": { "type": "VARIATION", "variationId": {{variation.ToString(CultureInfo.InvariantCulture)}} }
              }
            }
          ],
          "buckets": [],
          "events": [ { "id": {{PurchaseEventTypeId}}, "key": "purchase" } ],
          "segments": [],
          "containers": [],
          "parameterConfigurations": [],
          "remoteConfigParameters": []
        }
        """;
    }

    /// <summary>An HTTP date for Last-Modified, distinct per <paramref name="minute"/>.</summary>
    public static string Date(int minute) =>
        new DateTimeOffset(2026, 1, 1, 12, minute, 0, TimeSpan.Zero).ToString("R", CultureInfo.InvariantCulture);

    public static string WriteTempFile(string json)
    {
        var path = Path.Combine(Path.GetTempPath(), "hackle-it-" + Guid.NewGuid().ToString("N") + ".json");
        File.WriteAllText(path, json);
        return path;
    }
}
