namespace Hackle.Internal.Model
{
    internal enum ExperimentType { AbTest, FeatureFlag }
}
