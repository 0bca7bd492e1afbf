namespace Hackle.Internal.Model
{
    /// <summary>A target matches when all of its conditions match.</summary>
    internal sealed class Target
    {
        public Target(Condition[] conditions) => Conditions = conditions;

        public Condition[] Conditions { get; }
    }
}
