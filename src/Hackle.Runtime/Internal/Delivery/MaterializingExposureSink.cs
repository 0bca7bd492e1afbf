namespace Hackle.Internal.Delivery
{
    /// <summary>Makes the event object of each exposure for a sink that takes only objects.</summary>
    internal sealed class MaterializingExposureSink : IExposureSink
    {
        private readonly IHackleEventSink _sink;

        public MaterializingExposureSink(IHackleEventSink sink) => _sink = sink;

        public void EnqueueExposure(in ExposureRecord exposure) => _sink.Enqueue(exposure.ToEvent());

        /// <summary><paramref name="sink"/> itself when it takes records, else an adapter that makes objects.</summary>
        public static IExposureSink For(IHackleEventSink sink) => sink as IExposureSink ?? new MaterializingExposureSink(sink);
    }
}
