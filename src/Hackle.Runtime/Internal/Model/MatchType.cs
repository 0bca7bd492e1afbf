namespace Hackle.Internal.Model
{
    internal enum MatchType { Match, NotMatch }
}
