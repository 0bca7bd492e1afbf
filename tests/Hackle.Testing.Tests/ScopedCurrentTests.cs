using Hackle.Testing;

namespace TestClientTests;

/// <summary>
/// <see cref="HackleTestClient.UseAsCurrent"/> scopes the static accessors to a test client for one async flow: parallel
/// flows each see their own, nested scopes restore, and nothing leaks once the scope ends.
/// </summary>
public class ScopedCurrentTests
{
    private static readonly Experiments.Checkout.Variant[] Variants =
        { Experiments.Checkout.Variant.A, Experiments.Checkout.Variant.B, Experiments.Checkout.Variant.C };

    [Fact]
    public void TheStaticAccessorsUseTheScopedClientOnlyInsideTheScope()
    {
        var test = Experiments.Checkout.Force(new HackleTestClient(), Experiments.Checkout.Variant.C);
        var user = new HackleUser("user-1");
        using (HackleTestClient.UseAsCurrent(test))
        {
            Assert.Same(test, HackleClient.Current);
            Assert.Equal(Experiments.Checkout.Variant.C, Experiments.Checkout.Variation(user));
        }
        Assert.IsNotType<HackleTestClient>(HackleClient.Current);
        Assert.NotEqual(DecisionReason.Overridden, Experiments.Checkout.VariationDetail(user).Reason);
        Assert.Single(test.Exposures);
    }

    [Fact]
    public void NestedScopesRestoreTheOuterClientAndDisposingTwiceIsHarmless()
    {
        var outer = Experiments.Checkout.Force(new HackleTestClient(), Experiments.Checkout.Variant.B);
        var inner = Experiments.Checkout.Force(new HackleTestClient(), Experiments.Checkout.Variant.C);
        var user = new HackleUser("user-1");
        using (HackleTestClient.UseAsCurrent(outer))
        {
            var scope = HackleTestClient.UseAsCurrent(inner);
            Assert.Equal(Experiments.Checkout.Variant.C, Experiments.Checkout.Variation(user));
            scope.Dispose();
            scope.Dispose();
            Assert.Equal(Experiments.Checkout.Variant.B, Experiments.Checkout.Variation(user));
        }
        Assert.IsNotType<HackleTestClient>(HackleClient.Current);
    }

    [Fact]
    public void TheRealCurrentClientIsUntouchedOutsideTheScope()
    {
        using var real = HackleClient.Create("testing-scope-" + Guid.NewGuid().ToString("N"), new HackleClientOptions
        {
            Offline = true,
            Workspace = TestWorkspace.Load(),
            EventSink = new InMemoryEventSink(),
            LogToStandardError = false,
        });
        // Other tests may create clients in parallel; what matters is that no test client shows outside a scope.
        Assert.IsType<HackleClient>(HackleClient.Current);
        var test = new HackleTestClient();
        using (HackleTestClient.UseAsCurrent(test)) Assert.Same(test, HackleClient.Current);
        Assert.IsType<HackleClient>(HackleClient.Current);
    }

    [Fact]
    public async Task ParallelAsyncFlowsEachSeeOnlyTheirOwnClient()
    {
        const int flows = 12;
        var allScoped = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var scoped = 0;

        async Task<HackleTestClient> Flow(int index)
        {
            var variant = Variants[index % Variants.Length];
            var test = Experiments.Checkout.Force(new HackleTestClient(), variant);
            Features.NewCheckout.Force(test, on: index % 2 == 0);
            RemoteConfig.CheckoutBannerText.Force(test, "flow-" + index);
            await Task.Yield();
            using (HackleTestClient.UseAsCurrent(test))
            {
                // Every flow holds its scope open before any decides, so all of them overlap.
                if (Interlocked.Increment(ref scoped) == flows) allScoped.SetResult();
                await allScoped.Task.WaitAsync(TimeSpan.FromSeconds(30));
                for (var i = 0; i < 20; i++)
                {
                    var user = new HackleUser("flow-" + index + "-user-" + i);
                    Assert.Equal(variant, Experiments.Checkout.Variation(user));
                    Assert.Equal(index % 2 == 0, Features.NewCheckout.IsOn(user));
                    Assert.Equal("flow-" + index, RemoteConfig.CheckoutBannerText.Get(user));
                    // The scope flows into awaits, thread-pool hops and tasks the flow starts.
                    await Task.Delay(1);
                    Assert.Equal(variant, await Task.Run(() => Experiments.Checkout.Variation(user)));
                }
            }
            Assert.IsNotType<HackleTestClient>(HackleClient.Current);
            return test;
        }

        var clients = await Task.WhenAll(Enumerable.Range(0, flows).Select(i => Task.Run(() => Flow(i))));

        for (var index = 0; index < flows; index++)
        {
            var exposures = clients[index].Exposures;
            // 20 users x (Variation + Variation in Task.Run) + 20 flag decisions, all of this flow's own users.
            Assert.Equal(60, exposures.Count);
            Assert.All(exposures, e => Assert.StartsWith("flow-" + index + "-", e.User.Id));
            Assert.Equal(new Dictionary<string, int> { [Variants[index % Variants.Length].ToString()] = 40 },
                exposures.For(Experiments.Checkout.Key).CountsByVariation());
        }
        Assert.IsNotType<HackleTestClient>(HackleClient.Current);
    }
}
