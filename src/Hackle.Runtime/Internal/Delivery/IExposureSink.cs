namespace Hackle.Internal.Delivery
{
    /// <summary>
    /// A sink that takes exposures as <see cref="ExposureRecord"/> values, so a decision hands its exposure
    /// over without allocating. Only the SDK's own sinks implement it; a sink plugged in by the application
    /// gets <see cref="ExposureEvent"/> objects through <see cref="IHackleEventSink.Enqueue"/>, as before.
    /// </summary>
    internal interface IExposureSink
    {
        /// <summary>Accepts an exposure. Never blocks the caller or throws.</summary>
        void EnqueueExposure(in ExposureRecord exposure);
    }
}
