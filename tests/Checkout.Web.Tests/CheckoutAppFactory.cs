using Hackle.Testing;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Checkout.Web.Tests;

/// <summary>
/// The sample web app in memory, with its Hackle client replaced by <see cref="Test"/>. Requests run in the caller's
/// execution context, so a request sent inside <c>HackleTestClient.UseAsCurrent(Test)</c> sees the test client in the
/// app's static accessors too.
/// </summary>
public sealed class CheckoutAppFactory : WebApplicationFactory<Program>
{
    public HackleTestClient Test { get; } = new();

    protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder) =>
        builder.ConfigureTestServices(services => services.AddHackleTestClient(Test));

    public HttpClient CreateClientInCallerContext()
    {
        Server.PreserveExecutionContext = true;
        return CreateClient();
    }
}
