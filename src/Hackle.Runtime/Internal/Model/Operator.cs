namespace Hackle.Internal.Model
{
    internal enum Operator { In, Contains, StartsWith, EndsWith, Gt, Gte, Lt, Lte, Exists }
}
