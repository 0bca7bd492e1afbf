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
            var close = _client.DisposeAsync().AsTask();
            var finished = await Task.WhenAny(close, Task.Delay(Timeout.Infinite, cancellationToken)).ConfigureAwait(false);
            if (finished != close) Log.StopIncomplete(_logger);
        }
    }
}
