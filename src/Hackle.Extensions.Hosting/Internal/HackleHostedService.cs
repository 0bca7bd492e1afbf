using System;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Hackle.Extensions.Hosting.Internal
{
    /// <summary>
    /// Ties the client to the host's lifetime: at start it waits, bounded by
    /// <see cref="HackleClientOptions.ReadyTimeout"/>, for the first config, so the first requests are not
    /// served defaults; at stop it closes the client, which sends the queued events.
    /// </summary>
    internal sealed class HackleHostedService : IHostedService
    {
        private readonly HackleClient _client;
        private readonly ILogger _logger;

        // Taking the client here creates it when the host starts, and validates the options then.
        public HackleHostedService(HackleClient client, ILogger<HackleHostedService> logger)
        {
            _client = client;
            _logger = logger;
        }

        public async Task StartAsync(CancellationToken cancellationToken)
        {
            if (await _client.WaitUntilReadyAsync(null, cancellationToken).ConfigureAwait(false)) Log.Ready(_logger);
            else Log.NotReady(_logger);
        }

        public async Task StopAsync(CancellationToken cancellationToken)
        {
            // Closing is bounded by the client's own time limit; the host's shutdown token may end the wait sooner.
            var close = _client.DisposeAsync().AsTask();
            var shutdown = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            using (cancellationToken.Register(() => shutdown.TrySetResult(true)))
            {
                if (await Task.WhenAny(close, shutdown.Task).ConfigureAwait(false) != close) Log.StopIncomplete(_logger);
            }
        }
    }
}
