using System;
using System.IO;
using Hackle;
using Hackle.Extensions.Hosting;
using Hackle.Extensions.Hosting.Internal;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection
{
    /// <summary>Registers Hackle in a .NET host: one client per process, created by the host and closed at shutdown.</summary>
    public static class HackleServiceCollectionExtensions
    {
        /// <summary>
        /// Registers <see cref="IHackleClient"/> and <see cref="HackleClient"/> as one singleton, with options
        /// bound from the host configuration's "Hackle" section and then <paramref name="configure"/>. The host
        /// fails to start when the options are invalid (for example "Hackle:SdkKey is required"); once started it
        /// has waited (bounded) for the first config, and at shutdown the client sends its queued events.
        /// </summary>
        // RS0027 guards against adding optional parameters to shipped overloads; none is added here, and the
        // overload taking a client (same arity) is told apart by its parameter type.
#pragma warning disable RS0027
        public static IServiceCollection AddHackle(this IServiceCollection services, Action<HackleOptions>? configure = null)
#pragma warning restore RS0027
        {
            if (services is null) throw new ArgumentNullException(nameof(services));
            var options = services.AddOptions<HackleOptions>().Configure<IServiceProvider>((o, provider) =>
            {
                // The host's configuration, when there is one; a bare ServiceCollection relies on the delegate.
                provider.GetService<IConfiguration>()?.GetSection(HackleOptions.SectionName).Bind(o);
            });
            if (configure != null) options.Configure(configure);
            return AddCore(services, HackleOptions.SectionName);
        }

        /// <summary>
        /// Like <see cref="AddHackle(IServiceCollection, Action{HackleOptions})"/>, with options bound from
        /// <paramref name="section"/> (for example <c>builder.Configuration.GetSection("Hackle")</c>); error
        /// messages name settings by that section's path.
        /// </summary>
        public static IServiceCollection AddHackle(this IServiceCollection services, IConfiguration section, Action<HackleOptions>? configure = null)
        {
            if (services is null) throw new ArgumentNullException(nameof(services));
            if (section is null) throw new ArgumentNullException(nameof(section));
            var options = services.AddOptions<HackleOptions>().Bind(section);
            if (configure != null) options.Configure(configure);
            return AddCore(services, (section as IConfigurationSection)?.Path ?? HackleOptions.SectionName);
        }

        /// <summary>
        /// Registers a client you created as the process's <see cref="IHackleClient"/> and hands it to the host:
        /// the hosted service waits (bounded) for its first config at start and closes it at shutdown, so the
        /// caller must not dispose it. Options binding and validation do not apply; the client has its own.
        /// </summary>
        public static IServiceCollection AddHackle(this IServiceCollection services, HackleClient client)
        {
            if (services is null) throw new ArgumentNullException(nameof(services));
            if (client is null) throw new ArgumentNullException(nameof(client));
            // The container never disposes instances it did not create; the hosted service closes this one.
            services.TryAddSingleton(client);
            services.TryAddSingleton<IHackleClient>(provider => provider.GetRequiredService<HackleClient>());
            services.AddHostedService<HackleHostedService>();
            return services;
        }

        private static IServiceCollection AddCore(IServiceCollection services, string sectionPath)
        {
            services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<HackleOptions>>(new HackleOptionsValidator(sectionPath)));
            services.AddOptions<HackleOptions>().ValidateOnStart();
            services.TryAddSingleton(CreateClient);
            services.TryAddSingleton<IHackleClient>(provider => provider.GetRequiredService<HackleClient>());
            services.AddHostedService<HackleHostedService>();
            return services;
        }

        private static HackleClient CreateClient(IServiceProvider provider)
        {
            var options = provider.GetRequiredService<IOptions<HackleOptions>>().Value;
            options.LoggerFactory ??= provider.GetService<ILoggerFactory>();
            // A clock the app registers (a FakeTimeProvider in its tests) drives the client's polling and delivery too.
            options.TimeProvider ??= provider.GetService<TimeProvider>();
            options.ConfigFilePath = BootstrapConfigFile(options, provider.GetService<IHostEnvironment>()?.ContentRootPath);
            return HackleClient.Create(options.SdkKey!, options);
        }

        /// <summary>
        /// The bootstrap file: the configured one, or by default the manifest the HackleTyped build copied
        /// beside the app, so the first requests are decided from it rather than answered with SDK_NOT_READY
        /// while the first poll is on its way (or failing, offline).
        /// </summary>
        internal static string? BootstrapConfigFile(HackleOptions options, string? contentRoot)
        {
            if (options.Workspace != null) return options.ConfigFilePath;
            if (!string.IsNullOrWhiteSpace(options.ConfigFilePath)) return ResolveConfigFile(options.ConfigFilePath, contentRoot);
            if (!options.UseCopiedManifest) return null;
            var copied = ResolveConfigFile(HackleOptions.CopiedManifestFileName, contentRoot);
            // A default that is not there is no mistake (no manifest in this app): no file, no warning.
            return copied != null && Path.IsPathRooted(copied) && File.Exists(copied) ? copied : null;
        }

        /// <summary>
        /// A relative bootstrap file is looked for in the content root (where `dotnet run` starts), then
        /// beside the app (where the HackleTyped package copies hackle.flags.json), then in the working
        /// directory. When none has it the path is returned as given, and the client warns that it is missing.
        /// </summary>
        internal static string? ResolveConfigFile(string? path, string? contentRoot)
        {
            if (string.IsNullOrEmpty(path) || Path.IsPathRooted(path)) return path;
            foreach (var root in new[] { contentRoot, AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
            {
                if (root is null) continue;
                var candidate = Path.Combine(root, path);
                if (File.Exists(candidate)) return candidate;
            }
            return path;
        }
    }
}
