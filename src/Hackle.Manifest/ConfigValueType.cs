namespace Hackle.Manifest
{
    /// <summary>
    /// The value types of the config format: of a condition's <c>match.valueType</c> and of a remote-config
    /// parameter's <c>type</c>. (Named apart from <see cref="System.ValueType"/> on purpose.)
    /// </summary>
    internal enum ConfigValueType
    {
        /// <summary>STRING.</summary>
        String,
        /// <summary>NUMBER: read as a double, as every SDK does.</summary>
        Number,
        /// <summary>BOOLEAN.</summary>
        Boolean,
        /// <summary>VERSION: a semantic-version string.</summary>
        Version,
        /// <summary>JSON: JSON text carried in a string.</summary>
        Json,
    }

    /// <summary>Wire names of <see cref="ConfigValueType"/>.</summary>
    internal static class ConfigValueTypes
    {
        /// <summary>Maps a wire name (exact, upper case); false for names the SDKs do not know.</summary>
        public static bool TryParse(string? text, out ConfigValueType type)
        {
            switch (text)
            {
                case "STRING": type = ConfigValueType.String; return true;
                case "NUMBER": type = ConfigValueType.Number; return true;
                case "BOOLEAN": type = ConfigValueType.Boolean; return true;
                case "VERSION": type = ConfigValueType.Version; return true;
                case "JSON": type = ConfigValueType.Json; return true;
                default: type = default; return false;
            }
        }

        /// <summary>The wire name: STRING, NUMBER, BOOLEAN, VERSION or JSON.</summary>
        public static string ToWireName(this ConfigValueType type) => type switch
        {
            ConfigValueType.String => "STRING",
            ConfigValueType.Number => "NUMBER",
            ConfigValueType.Boolean => "BOOLEAN",
            ConfigValueType.Version => "VERSION",
            _ => "JSON",
        };
    }
}
