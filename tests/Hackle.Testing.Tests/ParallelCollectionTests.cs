using Hackle.Testing;

namespace TestClientTests;

/// <summary>
/// Test classes in different xUnit collections run in parallel (xunit.runner.json). Each forces its own Checkout
/// variation through the static accessors, decides many times with awaits in between, and sees only its own.
/// </summary>
public abstract class ParallelCollectionTestBase
{
    private readonly Experiments.Checkout.Variant _variant;

    private protected ParallelCollectionTestBase(Experiments.Checkout.Variant variant) => _variant = variant;

    [Fact]
    public async Task StaticAccessorsSeeOnlyThisTestsVariation()
    {
        var test = Experiments.Checkout.Force(new HackleTestClient(), _variant);
        var owner = GetType().Name;
        using (HackleTestClient.UseAsCurrent(test))
        {
            for (var i = 0; i < 100; i++)
            {
                var user = new HackleUser(owner + "-" + i);
                Assert.Equal(_variant, Experiments.Checkout.Variation(user));
                await Task.Delay(1);
            }
        }
        Assert.Equal(100, test.Exposures.CountOf(_variant.ToString()));
        Assert.All(test.Exposures, e => Assert.StartsWith(owner + "-", e.User.Id));
        Assert.IsNotType<HackleTestClient>(HackleClient.Current);
    }
}

[Collection("parallel-A")]
public class ParallelCollectionATests() : ParallelCollectionTestBase(Experiments.Checkout.Variant.A);

[Collection("parallel-B")]
public class ParallelCollectionBTests() : ParallelCollectionTestBase(Experiments.Checkout.Variant.B);

[Collection("parallel-C")]
public class ParallelCollectionCTests() : ParallelCollectionTestBase(Experiments.Checkout.Variant.C);
