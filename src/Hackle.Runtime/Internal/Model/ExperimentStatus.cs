namespace Hackle.Internal.Model
{
    internal enum ExperimentStatus { Draft, Running, Paused, Completed }
}
