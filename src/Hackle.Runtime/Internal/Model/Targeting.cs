namespace Hackle.Internal.Model
{
    internal enum ValueType { String, Number, Boolean, Version, Json }
}
