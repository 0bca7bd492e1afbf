using Hackle.Manifest;

namespace Hackle.Runtime.Tests.Parsing;

/// <summary>
/// A root object with none of experiments, featureFlags and remoteConfigParameters is not a workspace config
/// (issue 12 item 5): an empty answer must never replace the config in force. Lists that are there and empty
/// are an empty workspace.
/// </summary>
public class EmptyConfigTests
{
    [Theory]
    [InlineData("{}")]
    [InlineData("\uFEFF{ }")]
    [InlineData("{ \"workspace\": { \"id\": 1 }, \"buckets\": [], \"events\": [], \"segments\": [] }")]
    [InlineData("{ \"Experiments\": [] }")]
    public void A_root_without_any_identifying_list_is_rejected(string json)
    {
        var error = Assert.Throws<HackleConfigException>(() => HackleWorkspace.Parse(json));
        Assert.Contains(WireSchema.NoIdentifyingList, error.Message);
    }

    [Theory]
    [InlineData("{ \"experiments\": [] }")]
    [InlineData("{ \"featureFlags\": [] }")]
    [InlineData("{ \"remoteConfigParameters\": null }")]
    [InlineData("{ \"\\u0065xperiments\": null, \"other\": { \"experiments\": 1 } }")]
    public void Any_identifying_list_even_empty_or_null_is_an_empty_workspace(string json)
    {
        var workspace = HackleWorkspace.Parse(json);
        Assert.Equal(0, workspace.ExperimentCount);
        Assert.Equal(0, workspace.FeatureFlagCount);
    }

    [Fact]
    public void A_nested_identifying_name_does_not_count()
    {
        var error = Assert.Throws<HackleConfigException>(() => HackleWorkspace.Parse("{ \"workspace\": { \"experiments\": [] } }"));
        Assert.Contains(WireSchema.NoIdentifyingList, error.Message);
    }

    [Fact]
    public void TryLoadConfig_keeps_the_config_in_force_when_given_an_empty_object()
    {
        using var client = HackleClient.Create("empty-" + Guid.NewGuid().ToString("N"), new HackleClientOptions { Offline = true, LogToStandardError = false });
        Assert.True(client.TryLoadConfig("{ \"featureFlags\": [] }", out _));
        var inForce = client.Workspace;

        Assert.False(client.TryLoadConfig("{}", out var error));
        Assert.Contains(WireSchema.NoIdentifyingList, error);
        Assert.Same(inForce, client.Workspace);
    }
}
