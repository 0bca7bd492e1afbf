using System;
using Hackle.Testing;

namespace Hackle.Accessors
{
    /// <summary>
    /// The accessors every generated STRING or JSON remote-config class shares (<c>RemoteConfig.X.Get(user)</c> and the other
    /// overloads are these, inherited), so that each parameter generates only its key and default. Both come from the
    /// <see cref="HackleParameterAttribute"/> on <typeparamref name="TSelf"/>, read once per parameter.
    /// </summary>
    /// <typeparam name="TSelf">The generated class itself.</typeparam>
    public abstract class StringParameterAccessor<TSelf> where TSelf : StringParameterAccessor<TSelf>
    {
        /// <summary>For the generated classes only; they are never instantiated.</summary>
        protected StringParameterAccessor()
        {
        }

        /// <summary>The value for the user (the manifest's default when undecided), decided by <see cref="HackleClient.Current"/>; never throws.</summary>
        /// <param name="user">The user.</param>
        /// <returns>The value.</returns>
        public static string Get(HackleUser user) => Detail(HackleClient.Current, user).Value;

        /// <summary>The value for the user (the manifest's default when undecided), decided by <paramref name="client"/>.</summary>
        /// <param name="client">The client to use, e.g. one injected from DI.</param>
        /// <param name="user">The user.</param>
        /// <returns>The value.</returns>
        /// <exception cref="ArgumentNullException"><paramref name="client"/> is null.</exception>
        public static string Get(IHackleClient client, HackleUser user) => Detail(client, user).Value;

        /// <summary>The value for the user with the reason, decided by <see cref="HackleClient.Current"/>; never throws.</summary>
        /// <param name="user">The user.</param>
        /// <returns>The value and why it was chosen.</returns>
        public static RemoteConfigDecision<string> Detail(HackleUser user) => Detail(HackleClient.Current, user);

        /// <summary>The value for the user with the reason, decided by <paramref name="client"/>.</summary>
        /// <param name="client">The client to use, e.g. one injected from DI.</param>
        /// <param name="user">The user.</param>
        /// <returns>The value and why it was chosen.</returns>
        /// <exception cref="ArgumentNullException"><paramref name="client"/> is null.</exception>
        public static RemoteConfigDecision<string> Detail(IHackleClient client, HackleUser user)
        {
            if (client == null) throw new ArgumentNullException(nameof(client));
            return client.RemoteConfigDetail(Parameter.Key, user, Parameter.DefaultValue);
        }

        /// <summary>Sets this parameter for every user in <paramref name="test"/>, or for the users <paramref name="when"/> accepts.</summary>
        /// <param name="test">The test client.</param>
        /// <param name="value">The value, of the parameter's own type.</param>
        /// <param name="when">Which users get it; null for everyone.</param>
        /// <returns><paramref name="test"/>, to chain calls.</returns>
        /// <exception cref="ArgumentNullException"><paramref name="test"/> is null or <paramref name="value"/> is null.</exception>
        public static HackleTestClient Force(HackleTestClient test, string value, Func<HackleUser, bool>? when = null)
        {
            if (test == null) throw new ArgumentNullException(nameof(test));
            return when is null ? test.SetRemoteConfig(Parameter.Key, value) : test.SetRemoteConfig(Parameter.Key, value, when);
        }

        /// <summary>The parameter's key and default, read from the class's attribute on first use.</summary>
        private static class Parameter
        {
            private static readonly HackleParameterAttribute? s_attribute = HackleParameterAttribute.Of(typeof(TSelf));

            // Without the attribute the parameter is not found, and every decision says so with its reason.
            public static readonly string Key = s_attribute?.Key ?? "";
            public static readonly string DefaultValue = s_attribute?.DefaultValue is string value ? value : "";
        }
    }
}
