using System;
using System.Collections.Generic;
using System.IO;

namespace Hackle.Internal.Client
{
    /// <summary>
    /// Finds the bootstrap config file named by <see cref="HackleClientOptions.ConfigFilePath"/>. A relative
    /// path is looked for beside the app first (<see cref="AppContext.BaseDirectory"/>, where the HackleTyped
    /// build copies hackle.flags.json), then in the working directory, so an app finds its manifest whatever
    /// directory it is started from.
    /// </summary>
    internal static class BootstrapConfigFile
    {
        /// <summary>
        /// The first existing candidate for <paramref name="path"/>, or null; <paramref name="searched"/> lists
        /// every place looked at, for the warning when none exists.
        /// </summary>
        public static string? Find(string path, out IReadOnlyList<string> searched)
        {
            var candidates = Candidates(path);
            searched = candidates;
            foreach (var candidate in candidates)
                if (File.Exists(candidate)) return candidate;
            return null;
        }

        private static List<string> Candidates(string path)
        {
            var candidates = new List<string>(2);
            try
            {
                if (Path.IsPathRooted(path))
                {
                    candidates.Add(path);
                    return candidates;
                }
                candidates.Add(Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, path)));
                var inWorkingDirectory = Path.GetFullPath(path);
                if (!string.Equals(inWorkingDirectory, candidates[0], StringComparison.Ordinal)) candidates.Add(inWorkingDirectory);
            }
            catch (Exception e) when (e is ArgumentException || e is NotSupportedException || e is PathTooLongException || e is System.Security.SecurityException)
            {
                // An unusable path is reported by the loader with its own message.
                candidates.Clear();
                candidates.Add(path);
            }
            return candidates;
        }
    }
}
