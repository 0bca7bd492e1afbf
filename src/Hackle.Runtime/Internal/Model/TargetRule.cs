namespace Hackle.Internal.Model
{
    internal sealed class TargetRule
    {
        public TargetRule(Target target, TargetAction action)
        {
            Target = target;
            Action = action;
        }

        public Target Target { get; }
        public TargetAction Action { get; }
    }
}
