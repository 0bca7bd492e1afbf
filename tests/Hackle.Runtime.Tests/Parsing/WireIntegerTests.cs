using Hackle.Manifest;

namespace Hackle.Runtime.Tests.Parsing;

/// <summary>Integer fields as Java's Gson reads them (Long.parseLong, then an integral Double.parseDouble).</summary>
public class WireIntegerTests
{
    [Theory]
    [InlineData("42", 42L)]
    [InlineData("+42", 42L)]
    [InlineData("-7", -7L)]
    [InlineData("42.0", 42L)]
    [InlineData("4.2e1", 42L)]
    [InlineData("1E2", 100L)]
    [InlineData("9223372036854775807", long.MaxValue)]
    [InlineData("-9223372036854775808", long.MinValue)]
    public void Integral_values_are_read(string text, long expected)
    {
        Assert.True(WireInteger.TryParseInt64(text, out var value));
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("")]
    [InlineData("x")]
    [InlineData("42.5")]
    [InlineData("1e19")]
    [InlineData("99999999999999999999")]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    [InlineData(" 42")]
    [InlineData("0x2A")]
    public void Anything_else_is_not_an_integer(string text) => Assert.False(WireInteger.TryParseInt64(text, out _));

    [Theory]
    [InlineData("2147483647", true)]
    [InlineData("2147483648", false)]
    [InlineData("-2147483648.0", true)]
    public void Int32_fields_also_need_the_value_to_fit(string text, bool fits) => Assert.Equal(fits, WireInteger.TryParseInt32(text, out _));
}
