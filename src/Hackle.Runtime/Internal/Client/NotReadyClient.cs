using System.Threading;
using System.Threading.Tasks;

namespace Hackle.Internal.Client
{
    /// <summary>
    /// Stands in for the process's client before one is created: every decision is the default with
    /// SDK_NOT_READY, nothing is sent, and a warning is written once.
    /// </summary>
    internal sealed class NotReadyClient : IHackleClient
    {
        public static readonly NotReadyClient Instance = new NotReadyClient();
        private int _warned;

        public bool IsReady => false;

        public Task<bool> WaitUntilReadyAsync(System.TimeSpan? timeout = null, CancellationToken cancellationToken = default) => Task.FromResult(false);

        private void WarnOnce()
        {
            if (Interlocked.Exchange(ref _warned, 1) == 0)
                System.Diagnostics.Trace.TraceWarning("Hackle: no HackleClient has been created; typed accessors return defaults (SDK_NOT_READY).");
        }

        public Decision VariationDetail(long experimentKey, HackleUser user, string defaultVariation = "A")
        {
            WarnOnce();
            return new Decision(defaultVariation ?? "A", DecisionReason.SdkNotReady);
        }

        public FeatureFlagDecision FeatureFlagDetail(long featureKey, HackleUser user)
        {
            WarnOnce();
            return new FeatureFlagDecision(false, DecisionReason.SdkNotReady);
        }

        public RemoteConfigDecision<string> RemoteConfigDetail(string parameterKey, HackleUser user, string defaultValue)
        {
            WarnOnce();
            return new RemoteConfigDecision<string>(defaultValue, DecisionReason.SdkNotReady);
        }

        public RemoteConfigDecision<double> RemoteConfigDetail(string parameterKey, HackleUser user, double defaultValue)
        {
            WarnOnce();
            return new RemoteConfigDecision<double>(defaultValue, DecisionReason.SdkNotReady);
        }

        public RemoteConfigDecision<bool> RemoteConfigDetail(string parameterKey, HackleUser user, bool defaultValue)
        {
            WarnOnce();
            return new RemoteConfigDecision<bool>(defaultValue, DecisionReason.SdkNotReady);
        }

        public void Track(HackleEvent hackleEvent, HackleUser user) => WarnOnce();

        public Task FlushAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

        public void Close()
        {
        }

        public void Dispose()
        {
        }

        public ValueTask DisposeAsync() => default;
    }
}
