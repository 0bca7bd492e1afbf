using Hackle;

namespace Hackle.Runtime.Tests.Client;

/// <summary>A Try method reports failure, it does not throw (issue 12, item 14).</summary>
public class TryLoadConfigNullTests
{
    [Fact]
    public void TryLoadConfig_of_null_returns_false_with_a_reason_and_keeps_the_config()
    {
        using var t = new TestClient(Config.Workspace(experiments: Config.Array(Config.Experiment(5))).ToJsonString());
        var before = t.Client.Workspace;

        var loaded = t.Client.TryLoadConfig(null!, out var error);

        Assert.False(loaded);
        Assert.False(string.IsNullOrWhiteSpace(error));
        Assert.Same(before, t.Client.Workspace);
    }
}
