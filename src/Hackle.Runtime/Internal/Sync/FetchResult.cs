using System;

namespace Hackle.Internal.Sync
{
    /// <summary>How one config poll ended.</summary>
    internal enum FetchOutcome
    {
        /// <summary>200 with a valid config, now in force.</summary>
        Updated,
        /// <summary>304: the config in force is current.</summary>
        NotModified,
        /// <summary>401 or 403: the SDK key was refused.</summary>
        Unauthorized,
        /// <summary>200 with a body that is not a workspace config.</summary>
        Malformed,
        /// <summary>200 with a body over the size limit.</summary>
        TooLarge,
        /// <summary>429.</summary>
        RateLimited,
        /// <summary>5xx.</summary>
        ServerError,
        /// <summary>Any other status.</summary>
        HttpError,
        /// <summary>No complete response within the request timeout.</summary>
        Timeout,
        /// <summary>The connection failed or broke.</summary>
        NetworkError,
    }

    /// <summary>The result of one config poll: the outcome, the new config if any, and what to tell the log.</summary>
    internal readonly struct FetchResult
    {
        public FetchResult(FetchOutcome outcome, HackleWorkspace? workspace = null, string? detail = null, TimeSpan? retryAfter = null)
        {
            Outcome = outcome;
            Workspace = workspace;
            Detail = detail ?? "";
            RetryAfter = retryAfter;
        }

        public FetchOutcome Outcome { get; }
        public HackleWorkspace? Workspace { get; }

        /// <summary>Already redacted.</summary>
        public string Detail { get; }

        public TimeSpan? RetryAfter { get; }

        /// <summary>True for failures that call for backoff rather than the normal interval.</summary>
        public bool IsTransientFailure => Outcome >= FetchOutcome.RateLimited;

        /// <summary>The metric tag of the outcome.</summary>
        public string Tag => Outcome switch
        {
            FetchOutcome.Updated => "updated",
            FetchOutcome.NotModified => "not_modified",
            FetchOutcome.Unauthorized => "unauthorized",
            FetchOutcome.Malformed => "malformed",
            FetchOutcome.TooLarge => "too_large",
            FetchOutcome.RateLimited => "rate_limited",
            FetchOutcome.ServerError => "server_error",
            FetchOutcome.HttpError => "http_error",
            FetchOutcome.Timeout => "timeout",
            _ => "network_error",
        };
    }
}
