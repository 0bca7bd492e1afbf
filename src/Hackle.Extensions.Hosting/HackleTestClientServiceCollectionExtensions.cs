using System;
using Hackle;
using Hackle.Extensions.Hosting;
using Hackle.Extensions.Hosting.Internal;
using Hackle.Testing;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection
{
    /// <summary>
    /// Swaps the host's Hackle client for a <see cref="HackleTestClient"/> in integration tests (for example in
    /// <c>WebApplicationFactory.ConfigureTestServices</c>), so a test can force variations and assert on the response.
    /// </summary>
    public static class HackleTestClientServiceCollectionExtensions
    {
        /// <summary>
        /// Replaces what <c>AddHackle</c> registered with a new <see cref="HackleTestClient"/> (no workspace: forced values
        /// and defaults), resolvable as <see cref="IHackleClient"/> and as <see cref="HackleTestClient"/>. Call it after
        /// <c>AddHackle</c>.
        /// </summary>
        /// <param name="services">The services.</param>
        /// <returns><paramref name="services"/>.</returns>
        public static IServiceCollection AddHackleTestClient(this IServiceCollection services) => AddHackleTestClient(services, new HackleTestClient());

        /// <summary>Like <see cref="AddHackleTestClient(IServiceCollection)"/>, then lets <paramref name="configure"/> force values on the new client.</summary>
        /// <param name="services">The services.</param>
        /// <param name="configure">Forces values, e.g. <c>test =&gt; Experiments.Checkout.Force(test, Experiments.Checkout.Variant.B)</c>.</param>
        /// <returns><paramref name="services"/>.</returns>
        /// <exception cref="ArgumentNullException">An argument is null.</exception>
        public static IServiceCollection AddHackleTestClient(this IServiceCollection services, Action<HackleTestClient> configure)
        {
            if (configure is null) throw new ArgumentNullException(nameof(configure));
            var client = new HackleTestClient();
            configure(client);
            return AddHackleTestClient(services, client);
        }

        /// <summary>
        /// Replaces what <c>AddHackle</c> registered with <paramref name="client"/>: the <see cref="IHackleClient"/> and
        /// <see cref="HackleClient"/> registrations, the hosted service that would create, wait for and close the real
        /// client, and the validation of the real client's options (a test host needs no SDK key). Nothing then creates
        /// a real client, so nothing is polled or sent. The test keeps <paramref name="client"/> to force values and to
        /// read what was recorded; the container does not dispose it.
        /// </summary>
        /// <param name="services">The services.</param>
        /// <param name="client">The test client.</param>
        /// <returns><paramref name="services"/>.</returns>
        /// <exception cref="ArgumentNullException">An argument is null.</exception>
        public static IServiceCollection AddHackleTestClient(this IServiceCollection services, HackleTestClient client)
        {
            if (services is null) throw new ArgumentNullException(nameof(services));
            if (client is null) throw new ArgumentNullException(nameof(client));
            for (var i = services.Count - 1; i >= 0; i--)
            {
                if (IsRealClientRegistration(services[i])) services.RemoveAt(i);
            }
            services.AddSingleton(client);
            services.AddSingleton<IHackleClient>(client);
            return services;
        }

        private static bool IsRealClientRegistration(ServiceDescriptor descriptor) =>
            descriptor.ServiceType == typeof(IHackleClient)
            || descriptor.ServiceType == typeof(HackleClient)
            || descriptor.ServiceType == typeof(HackleTestClient)
            || descriptor.ServiceType == typeof(IValidateOptions<HackleOptions>)
            || (descriptor.ServiceType == typeof(IHostedService) && descriptor.ImplementationType == typeof(HackleHostedService));
    }
}
