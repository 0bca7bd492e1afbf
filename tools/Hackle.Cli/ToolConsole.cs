using Spectre.Console;

namespace Hackle.Cli;

/// <summary>
/// Where a command reads its environment and writes its output. The process uses the real console;
/// tests run commands in-process with string writers and a fixed environment.
/// </summary>
internal sealed class ToolConsole
{
    private readonly bool _detectTerminal;
    private IAnsiConsole? _ansi;
    private IAnsiConsole? _errorAnsi;

    public ToolConsole(TextWriter output, TextWriter error, string currentDirectory, Func<string, string?> environment, bool detectTerminal = false)
    {
        Out = output;
        Error = error;
        CurrentDirectory = currentDirectory;
        Environment = environment;
        _detectTerminal = detectTerminal;
    }

    /// <summary>Standard output: results, tables, JSON.</summary>
    public TextWriter Out { get; }

    /// <summary>Standard error: errors, warnings, progress and --verbose details.</summary>
    public TextWriter Error { get; }

    /// <summary>The directory relative paths are resolved against.</summary>
    public string CurrentDirectory { get; }

    /// <summary>Reads an environment variable (null when unset).</summary>
    public Func<string, string?> Environment { get; }

    /// <summary>Spectre.Console over <see cref="Out"/>, for tables people read.</summary>
    public IAnsiConsole Ansi => _ansi ??= CreateAnsi();

    /// <summary>Spectre.Console over <see cref="Error"/>, for progress that must not mix with results.</summary>
    public IAnsiConsole ErrorAnsi => _errorAnsi ??= _detectTerminal
        ? AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Error) })
        : AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Error), Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors, Interactive = InteractionSupport.No });

    /// <summary>True when a person is watching a terminal (progress spinners make sense).</summary>
    public bool IsInteractive => _detectTerminal && !Console.IsErrorRedirected && !Console.IsOutputRedirected;

    /// <summary>The process's console, environment and working directory.</summary>
    public static ToolConsole FromSystem() =>
        new(Console.Out, Console.Error, Directory.GetCurrentDirectory(), System.Environment.GetEnvironmentVariable, detectTerminal: true);

    /// <summary>A path as given on the command line, made absolute against <see cref="CurrentDirectory"/>.</summary>
    public string ResolvePath(string path) => Path.GetFullPath(path, CurrentDirectory);

    private IAnsiConsole CreateAnsi()
    {
        if (_detectTerminal)
        {
            var terminal = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Out) });
            // Redirected output (CI logs, files) has no width; 80 columns would wrap every table row.
            if (Console.IsOutputRedirected) terminal.Profile.Width = 140;
            return terminal;
        }
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(Out),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        // A fixed width keeps captured tables stable whatever terminal runs the tests.
        console.Profile.Width = 160;
        return console;
    }
}
