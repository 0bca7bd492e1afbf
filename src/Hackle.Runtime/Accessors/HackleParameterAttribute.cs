using System;

namespace Hackle.Accessors
{
    /// <summary>
    /// Marks a generated remote-config class with the parameter's key and the manifest's default, which the
    /// parameter accessors (<see cref="StringParameterAccessor{TSelf}"/>, <see cref="NumberParameterAccessor{TSelf}"/>,
    /// <see cref="BooleanParameterAccessor{TSelf}"/>) read once per parameter.
    /// </summary>
    [AttributeUsage(AttributeTargets.Class, Inherited = false)]
    public sealed class HackleParameterAttribute : Attribute
    {
        /// <summary>A STRING or JSON parameter.</summary>
        /// <param name="key">The parameter key.</param>
        /// <param name="defaultValue">The value returned when none can be decided.</param>
        public HackleParameterAttribute(string key, string defaultValue)
        {
            Key = key;
            DefaultValue = defaultValue;
        }

        /// <summary>A NUMBER parameter.</summary>
        /// <param name="key">The parameter key.</param>
        /// <param name="defaultValue">The value returned when none can be decided.</param>
        public HackleParameterAttribute(string key, double defaultValue)
        {
            Key = key;
            DefaultValue = defaultValue;
        }

        /// <summary>A BOOLEAN parameter.</summary>
        /// <param name="key">The parameter key.</param>
        /// <param name="defaultValue">The value returned when none can be decided.</param>
        public HackleParameterAttribute(string key, bool defaultValue)
        {
            Key = key;
            DefaultValue = defaultValue;
        }

        /// <summary>The parameter key.</summary>
        public string Key { get; }

        /// <summary>The default: a string, a double or a bool.</summary>
        public object DefaultValue { get; }

        /// <summary>The attribute on <paramref name="type"/>, or null.</summary>
        internal static HackleParameterAttribute? Of(Type type) =>
            (HackleParameterAttribute?)GetCustomAttribute(type, typeof(HackleParameterAttribute), inherit: false);
    }
}
