namespace Hackle.Package.Tests.Infrastructure;

/// <summary>1-based line and column, as the compiler prints them in "file(line,col): warning ID".</summary>
internal readonly record struct SourcePosition(int Line, int Column)
{
    /// <summary>Where <paramref name="marker"/> starts in <paramref name="text"/>; it must occur exactly once.</summary>
    public static SourcePosition Of(string text, string marker)
    {
        var index = text.IndexOf(marker, StringComparison.Ordinal);
        if (index < 0 || text.IndexOf(marker, index + 1, StringComparison.Ordinal) >= 0)
            throw new ArgumentException($"'{marker}' must occur exactly once in the source", nameof(marker));
        var lineStart = index == 0 ? 0 : text.LastIndexOf('\n', index - 1) + 1;
        var line = 1;
        for (var i = 0; i < lineStart; i++) if (text[i] == '\n') line++;
        return new SourcePosition(line, index - lineStart + 1);
    }

    public override string ToString() => $"({Line},{Column})";
}
