using Hackle.Cli;

return await HackleCli.RunAsync(args, ToolConsole.FromSystem());
