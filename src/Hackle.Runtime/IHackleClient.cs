using System;
using System.Threading;
using System.Threading.Tasks;

namespace Hackle
{
    /// <summary>
    /// A Hackle client: decides A/B variations, feature flags and remote config with no I/O, and
    /// tracks events. Create one per process (<see cref="HackleClient.Create"/>) and dispose it at exit.
    /// Decisions never throw: on any problem they return the default with a reason saying why.
    /// </summary>
    public interface IHackleClient : IDisposable, IAsyncDisposable
    {
        /// <summary>True once a workspace config is loaded; before that decisions return SDK_NOT_READY.</summary>
        bool IsReady { get; }

        /// <summary>
        /// Waits until the first workspace config is in (at once when a bootstrap file or snapshot was
        /// given). Returns true when ready, false when the timeout passed first or readiness cannot come
        /// (the SDK key was refused, or the client is offline with no config, or closed).
        /// </summary>
        /// <param name="timeout">How long to wait; null for the client's default (5 s), <see cref="Timeout.InfiniteTimeSpan"/> for no limit.</param>
        /// <param name="cancellationToken">Cancels the wait (throws <see cref="OperationCanceledException"/>).</param>
        Task<bool> WaitUntilReadyAsync(TimeSpan? timeout = null, CancellationToken cancellationToken = default);

        /// <summary>Decides the user's variation of an A/B test, with the reason and parameter config.</summary>
        /// <param name="experimentKey">The experiment key shown in the Hackle dashboard.</param>
        /// <param name="user">The user.</param>
        /// <param name="defaultVariation">Returned when no variation can be decided ("A" unless given).</param>
        Decision VariationDetail(long experimentKey, HackleUser user, string defaultVariation = "A");

        /// <summary>Decides whether a feature flag is on for the user, with the reason and parameter config.</summary>
        FeatureFlagDecision FeatureFlagDetail(long featureKey, HackleUser user);

        /// <summary>Evaluates a remote-config parameter of type STRING.</summary>
        RemoteConfigDecision<string> RemoteConfigDetail(string parameterKey, HackleUser user, string defaultValue);

        /// <summary>Evaluates a remote-config parameter of type NUMBER.</summary>
        RemoteConfigDecision<double> RemoteConfigDetail(string parameterKey, HackleUser user, double defaultValue);

        /// <summary>Evaluates a remote-config parameter of type BOOLEAN.</summary>
        RemoteConfigDecision<bool> RemoteConfigDetail(string parameterKey, HackleUser user, bool defaultValue);

        /// <summary>Tracks an event for the user. Never blocks and never throws.</summary>
        void Track(HackleEvent hackleEvent, HackleUser user);

        /// <summary>Sends the events buffered so far and waits until each is sent or counted as dropped.</summary>
        Task FlushAsync(CancellationToken cancellationToken = default);

        /// <summary>
        /// Stops polling and sends what is left within the close time limit (10 s by default). Never
        /// throws; safe to call more than once. Dispose and DisposeAsync do the same.
        /// </summary>
        void Close();
    }
}
