using Hackle.Internal;

namespace Hackle.Runtime.Tests.Evaluation;

public class JavaNumbersTests
{
    [Theory]
    [InlineData(1.0, "1.0")]
    [InlineData(-1.0, "-1.0")]
    [InlineData(0.0, "0.0")]
    [InlineData(1.5, "1.5")]
    [InlineData(0.001, "0.001")]
    [InlineData(0.0001, "1.0E-4")]
    [InlineData(1234567.0, "1234567.0")]
    [InlineData(12345678.0, "1.2345678E7")]
    [InlineData(1e21, "1.0E21")]
    [InlineData(0.1 + 0.2, "0.30000000000000004")]
    [InlineData(100.25, "100.25")]
    [InlineData(double.NaN, "NaN")]
    [InlineData(double.NegativeInfinity, "-Infinity")]
    public void Doubles_format_like_java(double value, string expected) => Assert.Equal(expected, JavaNumbers.FormatDouble(value));

    [Theory]
    [InlineData(3.9, 3)]
    [InlineData(-3.9, -3)]
    [InlineData(double.NaN, 0)]
    [InlineData(1e20, int.MaxValue)]
    [InlineData(-1e20, int.MinValue)]
    public void Casts_saturate_like_kotlin(double value, int expected) => Assert.Equal(expected, JavaNumbers.ToInt(value));
}
