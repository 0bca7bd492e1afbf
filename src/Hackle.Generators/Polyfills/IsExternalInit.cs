// Records and init accessors need this type, which netstandard2.0 lacks. The analyzers link this file too,
// so every assembly that compiles the manifest reader gets exactly one copy. Its namespace is fixed by the
// compiler, hence the folder-namespace exemption for Polyfills/ in .editorconfig.
namespace System.Runtime.CompilerServices
{
    internal static class IsExternalInit
    {
    }
}
