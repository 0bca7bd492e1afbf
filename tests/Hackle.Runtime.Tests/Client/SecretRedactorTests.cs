using Hackle.Internal;

namespace Hackle.Runtime.Tests.Client;

/// <summary>Every form in which an HTTP stack, a proxy or a server may echo the SDK key is masked.</summary>
public class SecretRedactorTests
{
    private const string Key = "sk+Ab/9=z";
    private static readonly SecretRedactor Redactor = new(Key);

    [Theory]
    [InlineData("GET /api/v2/workspaces/sk+Ab/9=z/config", "GET /api/v2/workspaces/***/config")]
    [InlineData("GET /api/v2/workspaces/sk%2BAb%2F9%3Dz/config", "GET /api/v2/workspaces/***/config")]
    [InlineData("GET /api/v2/workspaces/sk%2bAb%2f9%3dz/config", "GET /api/v2/workspaces/***/config")]
    [InlineData("GET /api/v2/workspaces/sk%2BAb/9%3Dz/config", "GET /api/v2/workspaces/***/config")]
    [InlineData("GET /api/v2/workspaces/%73%6B%2B%41%62%2F%39%3D%7A/config", "GET /api/v2/workspaces/***/config")]
    [InlineData("GET /api/v2/workspaces/sk%252BAb%252F9%253Dz/config", "GET /api/v2/workspaces/***/config")]
    [InlineData("gET /API/V2/WORKSPACES/SK%2BAB%2F9%3DZ/CONFIG", "gET /API/V2/WORKSPACES/***/CONFIG")]
    [InlineData("key sk+Ab/9=z and again sk+Ab/9=z.", "key *** and again ***.")]
    [InlineData("sk+Ab/9=zsk+Ab/9=z", "******")]
    public void Masks_the_key_in_every_form(string text, string expected) => Assert.Equal(expected, Redactor.Redact(text));

    [Theory]
    [InlineData("")]
    [InlineData("sk+Ab/9=")]
    [InlineData("sk+Ab/9%3")]
    [InlineData("sk+Ab/9%3Gz")]
    [InlineData("500 Internal Server Error")]
    public void Leaves_other_text_alone(string text) => Assert.Equal(text, Redactor.Redact(text));

    [Fact]
    public void Null_becomes_empty() => Assert.Equal("", Redactor.Redact(null));

    [Fact]
    public void Describe_masks_exception_messages_and_inner_ones()
    {
        var e = new InvalidOperationException("outer sk%2BAb%2F9%3Dz", new IOException("inner " + Key));
        var text = Redactor.Describe(e);
        Assert.Equal("InvalidOperationException: outer *** ---> IOException: inner ***", text);
    }
}
