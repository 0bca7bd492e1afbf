using System.Collections.Generic;
using Microsoft.Extensions.Options;

namespace Hackle.Extensions.Hosting.Internal
{
    /// <summary>
    /// Fails host startup on unusable options, naming each setting by its configuration path
    /// ("Hackle:SdkKey") so the fix is obvious. The key itself is never echoed.
    /// </summary>
    internal sealed class HackleOptionsValidator : IValidateOptions<HackleOptions>
    {
        private readonly string _sectionPath;

        public HackleOptionsValidator(string sectionPath) => _sectionPath = sectionPath;

        public ValidateOptionsResult Validate(string? name, HackleOptions options)
        {
            var failures = new List<string>();
            if (string.IsNullOrWhiteSpace(options.SdkKey))
            {
                failures.Add($"{_sectionPath}:SdkKey is required: set it in configuration (for example the environment variable {_sectionPath.Replace(":", "__")}__SdkKey) or in the AddHackle delegate.");
            }
            else if (!HackleClient.IsValidSdkKey(options.SdkKey))
            {
                failures.Add($"{_sectionPath}:SdkKey is not a valid SDK key (printable ASCII without spaces, at most {HackleClient.MaxSdkKeyLength} characters).");
            }
            foreach (var problem in options.Validate()) failures.Add(_sectionPath + ":" + problem);
            return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
        }
    }
}
