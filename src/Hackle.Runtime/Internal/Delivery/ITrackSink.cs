namespace Hackle.Internal.Delivery
{
    /// <summary>
    /// A sink that takes tracked events as <see cref="TrackRecord"/> values, so <c>Track</c> hands its event over
    /// without allocating. Only the SDK's own sinks implement it; every other sink gets a <see cref="TrackEvent"/>
    /// made from the record (<see cref="MeteredEventSink"/> makes it).
    /// </summary>
    internal interface ITrackSink
    {
        /// <summary>Accepts a tracked event. Never blocks the caller or throws.</summary>
        void EnqueueTrack(in TrackRecord track);
    }
}
