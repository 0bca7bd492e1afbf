// Records and init accessors need this type, which netstandard2.0 lacks. It lives in Manifest/ so that
// every project compiling these files (the generator, and the analyzers by linking) gets exactly one copy.
namespace System.Runtime.CompilerServices
{
    internal static class IsExternalInit
    {
    }
}
