using System.Text.Json.Nodes;
using Hackle;
using static Hackle.Runtime.Tests.Config;

namespace Hackle.Runtime.Tests.Evaluation;

/// <summary>Condition semantics of docs/protocol.md §2.5-2.6, observed through a flag whose only rule turns it on.</summary>
public class ConditionMatchingTests
{
    private static bool Matches(JsonObject condition, HackleUser user, JsonArray? segments = null)
    {
        var flag = Experiment(1, bucketId: 1, targetRules: Array(Rule(Target(condition), VariationAction(12))));
        using var t = new TestClient(Workspace(featureFlags: Array(flag), buckets: Array(BucketDef(1, 1, (0, 10000, 11))), segments: segments).ToJsonString());
        var decision = t.Client.FeatureFlagDetail(1, user);
        Assert.NotEqual(DecisionReason.Exception, decision.Reason);
        return decision.IsOn;
    }

    private static HackleUser With(string key, object value) => new("u1") { Properties = { [key] = value } };

    private static JsonArray Values(params object[] values)
    {
        var array = new JsonArray();
        foreach (var v in values) array.Add(JsonValue.Create(v));
        return array;
    }

    [Theory]
    [InlineData("IN", "apple", true)]
    [InlineData("IN", "app", false)]
    [InlineData("CONTAINS", "ppl", true)]
    [InlineData("STARTS_WITH", "app", true)]
    [InlineData("STARTS_WITH", "ple", false)]
    [InlineData("ENDS_WITH", "ple", true)]
    [InlineData("GT", "apple", false)]
    [InlineData("GT", "apald", true)]
    [InlineData("GTE", "apple", true)]
    [InlineData("LT", "apq", true)]
    [InlineData("LTE", "apple", true)]
    [InlineData("LTE", "Apple", false)]
    public void String_operators(string op, string value, bool expected) =>
        Assert.Equal(expected, Matches(Condition("USER_PROPERTY", "fruit", op, "STRING", Values(value)), With("fruit", "apple")));

    [Fact]
    public void String_ordering_is_by_utf16_code_unit_like_java()
    {
        // U+FF5E (fullwidth tilde) sorts above U+1F600 (a surrogate pair starting with U+D83D) in UTF-16, below it in UTF-8.
        Assert.True(Matches(Condition("USER_PROPERTY", "s", "GT", "STRING", Values("😀")), With("s", "～")));
    }

    [Theory]
    [InlineData("IN", 30, true)]
    [InlineData("IN", 31, false)]
    [InlineData("GT", 29.5, true)]
    [InlineData("GTE", 30, true)]
    [InlineData("LT", 30, false)]
    [InlineData("LTE", 30, true)]
    [InlineData("CONTAINS", 3, false)]
    public void Number_operators(string op, double value, bool expected) =>
        Assert.Equal(expected, Matches(Condition("USER_PROPERTY", "age", op, "NUMBER", Values(value)), With("age", 30)));

    [Theory]
    [InlineData(" 30 ", true)]
    [InlineData("30.0", true)]
    [InlineData("3e1", true)]
    [InlineData("30d", true)]
    [InlineData("thirty", false)]
    [InlineData("", false)]
    public void Number_conditions_parse_user_strings_like_kotlin(string userValue, bool expected) =>
        Assert.Equal(expected, Matches(Condition("USER_PROPERTY", "age", "IN", "NUMBER", Values(30)), With("age", userValue)));

    [Fact]
    public void Number_conditions_parse_config_strings()
    {
        Assert.True(Matches(Condition("USER_PROPERTY", "age", "GT", "NUMBER", Values("18")), With("age", 30)));
        Assert.False(Matches(Condition("USER_PROPERTY", "age", "GT", "NUMBER", Values("old")), With("age", 30)));
    }

    [Theory]
    [InlineData(true, true, true)]
    [InlineData(true, false, false)]
    [InlineData("true", true, true)]
    [InlineData("TRUE", true, false)]
    public void Boolean_conditions_accept_real_bools_and_exact_strings(object userValue, bool conditionValue, bool expected) =>
        Assert.Equal(expected, Matches(Condition("USER_PROPERTY", "beta", "IN", "BOOLEAN", Values(conditionValue)), With("beta", userValue)));

    [Fact]
    public void Boolean_conditions_support_only_in()
    {
        Assert.False(Matches(Condition("USER_PROPERTY", "beta", "GT", "BOOLEAN", Values(false)), With("beta", true)));
    }

    [Theory]
    [InlineData("2.0.0", "IN", "2", true)]
    [InlineData("2.0.0", "IN", "2.0", true)]
    [InlineData("2.0.0+build.5", "IN", "2.0.0", true)]
    [InlineData("2.1.0", "GT", "2.0.9", true)]
    [InlineData("2.0.0", "GT", "2.0.0-rc.1", true)]
    [InlineData("2.0.0-rc.2", "GT", "2.0.0-rc.1", true)]
    [InlineData("2.0.0-rc.10", "GT", "2.0.0-rc.9", true)]
    [InlineData("2.0.0-beta", "LT", "2.0.0-rc", true)]
    [InlineData("2.0.0-rc.1", "GT", "2.0.0-rc", true)]
    [InlineData("2.0.0-1", "LT", "2.0.0-alpha", true)]
    [InlineData("1.10.0", "GTE", "1.9.0", true)]
    [InlineData("01.0.0", "IN", "1.0.0", false)]
    [InlineData("1.0.0-01", "IN", "1.0.0-01", false)]
    [InlineData("1.0.0.0", "IN", "1.0.0", false)]
    [InlineData("v1.0.0", "IN", "1.0.0", false)]
    [InlineData("2.0.0", "CONTAINS", "2", false)]
    public void Version_conditions_follow_semver(string userValue, string op, string conditionValue, bool expected) =>
        Assert.Equal(expected, Matches(Condition("USER_PROPERTY", "v", op, "VERSION", Values(conditionValue)), With("v", userValue)));

    [Fact]
    public void Any_of_several_values_matches()
    {
        Assert.True(Matches(Condition("USER_PROPERTY", "grade", "IN", "STRING", Values("GOLD", "VIP")), With("grade", "VIP")));
    }

    [Fact]
    public void List_properties_match_when_any_element_matches_and_empty_lists_never()
    {
        Assert.True(Matches(Condition("USER_PROPERTY", "tags", "IN", "STRING", Values("b")), With("tags", new[] { "a", "b" })));
        Assert.False(Matches(Condition("USER_PROPERTY", "tags", "IN", "STRING", Values("c")), With("tags", new[] { "a", "b" })));
        Assert.False(Matches(Condition("USER_PROPERTY", "tags", "IN", "STRING", Values("c")), With("tags", System.Array.Empty<string>())));
        Assert.True(Matches(Condition("USER_PROPERTY", "tags", "IN", "STRING", Values("c"), "NOT_MATCH"), With("tags", System.Array.Empty<string>())));
    }

    [Fact]
    public void Not_match_is_applied_last_so_a_missing_value_matches()
    {
        Assert.True(Matches(Condition("USER_PROPERTY", "grade", "IN", "STRING", Values("GOLD"), "NOT_MATCH"), new HackleUser("u1")));
        Assert.False(Matches(Condition("USER_PROPERTY", "grade", "IN", "STRING", Values("GOLD"), "NOT_MATCH"), With("grade", "GOLD")));
    }

    [Fact]
    public void Exists_ignores_values()
    {
        Assert.True(Matches(Condition("USER_PROPERTY", "grade", "EXISTS", "STRING", Values()), With("grade", 5)));
        Assert.False(Matches(Condition("USER_PROPERTY", "grade", "EXISTS", "STRING", Values()), new HackleUser("u1")));
    }

    [Fact]
    public void String_conditions_format_numbers_like_java()
    {
        // User integers print plainly; config numbers are doubles and print as "1.0".
        Assert.True(Matches(Condition("USER_PROPERTY", "n", "IN", "STRING", Values("1")), With("n", 1)));
        Assert.False(Matches(Condition("USER_PROPERTY", "n", "IN", "STRING", Values(1)), With("n", 1)));
        Assert.True(Matches(Condition("USER_PROPERTY", "n", "IN", "STRING", Values(1)), With("n", "1.0")));
        Assert.True(Matches(Condition("USER_PROPERTY", "b", "IN", "STRING", Values("true")), With("b", true)));
    }

    [Fact]
    public void Server_users_have_no_cohorts_no_events_and_no_hackle_properties()
    {
        Assert.False(Matches(Condition("COHORT", "COHORT", "IN", "NUMBER", Values(1)), new HackleUser("u1")));
        Assert.True(Matches(Condition("COHORT", "COHORT", "IN", "NUMBER", Values(1), "NOT_MATCH"), new HackleUser("u1")));
        Assert.False(Matches(Condition("EVENT_PROPERTY", "amount", "GT", "NUMBER", Values(0)), new HackleUser("u1")));
        Assert.False(Matches(Condition("EVENT_PROPERTY", "amount", "GT", "NUMBER", Values(0), "NOT_MATCH"), new HackleUser("u1")));
        Assert.False(Matches(Condition("HACKLE_PROPERTY", "osName", "IN", "STRING", Values("iOS")), new HackleUser("u1")));
        // No target events: the count is 0.
        Assert.True(Matches(Condition("NUMBER_OF_EVENTS_IN_DAYS", "{\"eventKey\":\"purchase\",\"days\":7}", "LT", "NUMBER", Values(1)), new HackleUser("u1")));
        Assert.False(Matches(Condition("NUMBER_OF_EVENTS_IN_DAYS", "{\"eventKey\":\"purchase\",\"days\":7}", "GTE", "NUMBER", Values(1)), new HackleUser("u1")));
    }

    [Fact]
    public void User_id_conditions_are_dropped_outside_segments()
    {
        // USER_ID is not allowed in flag target rules: the condition, then the target and rule, are dropped.
        var flag = Experiment(1, bucketId: 1, targetRules: Array(Rule(Target(Condition("USER_ID", "$id", "IN", "STRING", Values("u1"))), VariationAction(12))));
        using var t = new TestClient(Workspace(featureFlags: Array(flag), buckets: Array(BucketDef(1, 1, (0, 10000, 11)))).ToJsonString());
        Assert.Equal((false, DecisionReason.DefaultRule), (t.Client.FeatureFlagDetail(1, new HackleUser("u1")).IsOn, t.Client.FeatureFlagDetail(1, new HackleUser("u1")).Reason));
    }

    [Fact]
    public void Segments_match_by_user_id_and_a_missing_segment_is_an_exception()
    {
        var segments = Array(new JsonObject
        {
            ["id"] = 1, ["key"] = "staff", ["type"] = "USER_ID",
            ["targets"] = Array(Target(Condition("USER_ID", "$userId", "IN", "STRING", Values("alice", "bob")))),
        });
        Assert.True(Matches(Condition("SEGMENT", "SEGMENT", "IN", "STRING", Values("staff")), new HackleUser("x") { UserId = "bob" }, segments));
        Assert.False(Matches(Condition("SEGMENT", "SEGMENT", "IN", "STRING", Values("staff")), new HackleUser("x") { UserId = "eve" }, segments));
        Assert.True(Matches(Condition("SEGMENT", "SEGMENT", "IN", "STRING", Values("staff"), "NOT_MATCH"), new HackleUser("x") { UserId = "eve" }, segments));

        var flag = Experiment(1, bucketId: 1, targetRules: Array(Rule(Target(Condition("SEGMENT", "SEGMENT", "IN", "STRING", Values("nope"))), VariationAction(12))));
        using var t = new TestClient(Workspace(featureFlags: Array(flag), buckets: Array(BucketDef(1, 1, (0, 10000, 11)))).ToJsonString());
        Assert.Equal(DecisionReason.Exception, t.Client.FeatureFlagDetail(1, new HackleUser("u1")).Reason);
    }
}
