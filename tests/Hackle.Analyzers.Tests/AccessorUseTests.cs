using Hackle.Analyzers.Tests.Infrastructure;
using Xunit;
using VerifyCS = Hackle.Analyzers.Tests.Infrastructure.Verify<Hackle.Analyzers.Lifetime.ClientLifetimeAnalyzer>;

namespace Hackle.Analyzers.Tests;

/// <summary>
/// Issue 13 item 1: the generated accessors (inherited static calls on the runtime's accessor base classes)
/// borrow the client; they do not take it over, so HKA103 and HKA104 still apply.
/// </summary>
public class AccessorUseTests
{
    [Fact]
    public Task Local_used_only_through_accessors_is_reported() => VerifyCS.AnalyzerAsync("""
        using Hackle;
        using HackleFlags;

        public static class Program
        {
            public static void Main()
            {
                var client = {|#0:HackleClient.Create("sdk-key")|};
                var user = new HackleUser("u");
                if (Experiments.Checkout.Variation(client, user) == Experiments.Checkout.Variant.B) { }
                var detail = Experiments.Checkout.VariationDetail(client, user);
                if (Features.NewCheckout.IsOn(client, user)) { }
            }
        }
        """, Manifests.WithManifest, VerifyCS.Diagnostic("HKA103").WithLocation(0).WithArguments("client"));

    [Fact]
    public Task Field_used_only_through_accessors_is_reported() => VerifyCS.AnalyzerAsync("""
        using Hackle;
        using HackleFlags;

        internal sealed class CheckoutFlags
        {
            private readonly IHackleClient {|#0:_client|} = HackleClient.Create("sdk-key");
            public bool NewCheckout(HackleUser user) => Features.NewCheckout.IsOn(_client, user);
            public Experiments.Checkout.Variant Checkout(HackleUser user) => Experiments.Checkout.Variation(_client, user);
        }
        """, Manifests.WithManifest, VerifyCS.Diagnostic("HKA104").WithLocation(0).WithArguments("CheckoutFlags", "_client", "does not implement IDisposable"));
}
