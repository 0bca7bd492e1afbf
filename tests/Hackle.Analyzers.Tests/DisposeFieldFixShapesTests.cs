using Hackle.Analyzers.Lifetime;
using Hackle.Analyzers.Tests.Infrastructure;
using Hackle.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;
using Xunit;
using VerifyCS = Hackle.Analyzers.Tests.Infrastructure.Verify<Hackle.Analyzers.Lifetime.ClientLifetimeAnalyzer>;

namespace Hackle.Analyzers.Tests;

/// <summary>
/// HKA104's fix on the shapes issue 13 lists: IAsyncDisposable-only types, partial types whose Dispose is in
/// another part (another file), and primary-constructor classes and records. Each fix is applied as the IDE
/// applies it and the result compiles against the real reference assemblies.
/// </summary>
public class DisposeFieldFixShapesTests
{
    [Fact]
    public Task Async_disposable_type_with_a_synchronous_DisposeAsync_becomes_async() => VerifyCS.CodeFixAsync<DisposeFieldCodeFixProvider>("""
        using System;
        using System.Threading.Tasks;
        using Hackle;

        public sealed class FlagService : IAsyncDisposable
        {
            private readonly IHackleClient {|HKA104:_client|} = HackleClient.Create("sdk-key");

            public ValueTask DisposeAsync() => default;
        }
        """, """
        using System;
        using System.Threading.Tasks;
        using Hackle;

        public sealed class FlagService : IAsyncDisposable
        {
            private readonly IHackleClient _client = HackleClient.Create("sdk-key");

            public async ValueTask DisposeAsync()
            {
                await _client.DisposeAsync();
            }
        }
        """);

    [Fact]
    public Task Async_disposable_type_keeps_what_DisposeAsync_already_disposes() => VerifyCS.CodeFixAsync<DisposeFieldCodeFixProvider>("""
        using System;
        using System.IO;
        using System.Threading.Tasks;
        using Hackle;

        public sealed class FlagService : IAsyncDisposable
        {
            private readonly IHackleClient {|HKA104:_client|} = HackleClient.Create("sdk-key");
            private readonly MemoryStream _log = new();

            public ValueTask DisposeAsync()
            {
                _log.Flush();
                return _log.DisposeAsync();
            }
        }
        """, """
        using System;
        using System.IO;
        using System.Threading.Tasks;
        using Hackle;

        public sealed class FlagService : IAsyncDisposable
        {
            private readonly IHackleClient _client = HackleClient.Create("sdk-key");
            private readonly MemoryStream _log = new();

            public async ValueTask DisposeAsync()
            {
                _log.Flush();
                await _log.DisposeAsync();
                await _client.DisposeAsync();
            }
        }
        """);

    [Fact]
    public Task Async_DisposeAsync_gets_the_await_appended() => VerifyCS.CodeFixAsync<DisposeFieldCodeFixProvider>("""
        using System;
        using System.Threading.Tasks;
        using Hackle;

        public sealed class FlagService : IAsyncDisposable
        {
            private readonly Lazy<IHackleClient> {|HKA104:_client|} = new(() => HackleClient.Create("sdk-key"));

            public async ValueTask DisposeAsync()
            {
                await Task.Yield();
            }
        }
        """, """
        using System;
        using System.Threading.Tasks;
        using Hackle;

        public sealed class FlagService : IAsyncDisposable
        {
            private readonly Lazy<IHackleClient> _client = new(() => HackleClient.Create("sdk-key"));

            public async ValueTask DisposeAsync()
            {
                await Task.Yield();
                if (_client.IsValueCreated) await _client.Value.DisposeAsync();
            }
        }
        """);

    [Fact]
    public async Task Partial_type_gets_the_call_in_the_part_that_has_Dispose()
    {
        var test = new CSharpCodeFixTest<ClientLifetimeAnalyzer, DisposeFieldCodeFixProvider, DefaultVerifier>();
        test.TestState.Sources.Add(("/0/FlagService.cs", """
            using Hackle;

            public sealed partial class FlagService
            {
                private readonly IHackleClient {|HKA104:_client|} = HackleClient.Create("sdk-key");
            }
            """));
        test.TestState.Sources.Add(("/0/FlagService.Dispose.cs", """
            using System;

            public sealed partial class FlagService : IDisposable
            {
                public void Dispose()
                {
                }
            }
            """));
        test.FixedState.Sources.Add(("/0/FlagService.cs", """
            using Hackle;

            public sealed partial class FlagService
            {
                private readonly IHackleClient _client = HackleClient.Create("sdk-key");
            }
            """));
        test.FixedState.Sources.Add(("/0/FlagService.Dispose.cs", """
            using System;

            public sealed partial class FlagService : IDisposable
            {
                public void Dispose()
                {
                    _client.Dispose();
                }
            }
            """));
        await TestEnvironment.ConfigureAsync(test, TestOptions.Default);
        await test.RunAsync();
    }

    [Fact]
    public Task Primary_constructor_class_keeps_its_base_list_on_the_declaration_line() => VerifyCS.CodeFixAsync<DisposeFieldCodeFixProvider>("""
        using Hackle;

        public sealed class FlagService(string sdkKey)
        {
            private readonly IHackleClient {|HKA104:_client|} = HackleClient.Create(sdkKey);
        }
        """, """
        using System;
        using Hackle;

        public sealed class FlagService(string sdkKey) : IDisposable
        {
            private readonly IHackleClient _client = HackleClient.Create(sdkKey);

            public void Dispose()
            {
                _client.Dispose();
            }
        }
        """);

    [Fact]
    public Task Primary_constructor_record_keeps_its_base_list_on_the_declaration_line() => VerifyCS.CodeFixAsync<DisposeFieldCodeFixProvider>("""
        using Hackle;

        public sealed record FlagSettings(string SdkKey)
        {
            public IHackleClient {|HKA104:Client|} { get; } = HackleClient.Create(SdkKey);
        }
        """, """
        using System;
        using Hackle;

        public sealed record FlagSettings(string SdkKey) : IDisposable
        {
            public IHackleClient Client { get; } = HackleClient.Create(SdkKey);

            public void Dispose()
            {
                Client.Dispose();
            }
        }
        """);
}
