namespace Hackle.Analyzers.Tests.Infrastructure;

/// <summary>A small hackle.flags.json and the accessors the generator would emit for it.</summary>
internal static class Manifests
{
    /// <summary>Experiment 42 "Checkout" (A, B, C), experiment 43 without generated accessor, feature 7 "NewCheckout".</summary>
    public const string Checkout = """
        {
          "workspace": { "id": 1, "environment": { "id": 2, "key": "production" } },
          "experiments": [
            {
              "id": 1042, "key": 42, "name": "Checkout", "status": "RUNNING", "version": 1, "bucketId": 1,
              "identifierType": "$id", "containerId": null, "winnerVariationId": null,
              "variations": [
                { "id": 1, "key": "A", "status": "ACTIVE", "parameterConfigurationId": null },
                { "id": 2, "key": "B", "status": "ACTIVE", "parameterConfigurationId": null },
                { "id": 3, "key": "C", "status": "ACTIVE", "parameterConfigurationId": null }
              ],
              "execution": { "id": 1, "status": "RUNNING", "version": 1, "userOverrides": [], "segmentOverrides": [],
                             "targetAudiences": [], "targetRules": [], "defaultRule": { "type": "BUCKET", "bucketId": 1 } }
            },
            {
              "id": 1043, "key": 43, "name": "Onboarding", "status": "RUNNING", "version": 1, "bucketId": 1,
              "identifierType": "$id", "containerId": null, "winnerVariationId": null,
              "variations": [
                { "id": 4, "key": "A", "status": "ACTIVE", "parameterConfigurationId": null },
                { "id": 5, "key": "B", "status": "ACTIVE", "parameterConfigurationId": null }
              ],
              "execution": { "id": 2, "status": "RUNNING", "version": 1, "userOverrides": [], "segmentOverrides": [],
                             "targetAudiences": [], "targetRules": [], "defaultRule": { "type": "BUCKET", "bucketId": 1 } }
            }
          ],
          "featureFlags": [
            {
              "id": 2007, "key": 7, "name": "NewCheckout", "status": "RUNNING", "version": 1, "bucketId": 1,
              "identifierType": "$id", "containerId": null, "winnerVariationId": null,
              "variations": [
                { "id": 6, "key": "A", "status": "ACTIVE", "parameterConfigurationId": null },
                { "id": 7, "key": "B", "status": "ACTIVE", "parameterConfigurationId": null }
              ],
              "execution": { "id": 3, "status": "RUNNING", "version": 1, "userOverrides": [], "segmentOverrides": [],
                             "targetAudiences": [], "targetRules": [], "defaultRule": { "type": "BUCKET", "bucketId": 1 } }
            }
          ],
          "buckets": [ { "id": 1, "seed": 1, "slotSize": 10000, "slots": [] } ],
          "events": [], "segments": [], "containers": [], "parameterConfigurations": [], "remoteConfigParameters": []
        }
        """;

    /// <summary>The shape src/Hackle.Generators emits for <see cref="Checkout"/> (only experiment 42 and feature 7).</summary>
    public const string GeneratedAccessors = """
        namespace HackleFlags
        {
            [global::System.CodeDom.Compiler.GeneratedCode("Hackle.Generators", "0.1.0")]
            internal static partial class Experiments
            {
                public static class Checkout
                {
                    public const long Key = 42L;
                    public enum Variant { A, B, C }
                    public static Variant Variation(global::Hackle.HackleUser user) => Variation(global::Hackle.HackleClient.Current, user);
                    public static Variant Variation(global::Hackle.IHackleClient client, global::Hackle.HackleUser user) =>
                        client.VariationDetail(Key, user, "A").VariationKey switch { "B" => Variant.B, "C" => Variant.C, _ => Variant.A };
                }
            }

            [global::System.CodeDom.Compiler.GeneratedCode("Hackle.Generators", "0.1.0")]
            internal static partial class Features
            {
                public static class NewCheckout
                {
                    public const long Key = 7L;
                    public static bool IsOn(global::Hackle.HackleUser user) => IsOn(global::Hackle.HackleClient.Current, user);
                    public static bool IsOn(global::Hackle.IHackleClient client, global::Hackle.HackleUser user) => Detail(client, user).IsOn;
                    public static global::Hackle.FeatureFlagDecision Detail(global::Hackle.IHackleClient client, global::Hackle.HackleUser user) =>
                        client.FeatureFlagDetail(Key, user);
                }
            }
        }
        """;

    public static TestOptions WithManifest { get; } = TestOptions.Default with
    {
        Manifest = Checkout,
        ExtraSources = new[] { ("/0/Generated.g.cs", GeneratedAccessors) },
    };
}
