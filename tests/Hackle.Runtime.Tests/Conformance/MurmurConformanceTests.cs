using System.Globalization;
using System.Text;
using Hackle.Internal.Evaluation;

namespace Hackle.Runtime.Tests.Conformance;

/// <summary>Every row of Hackle's official hash and slot vectors (400,000 rows) must match.</summary>
public class MurmurConformanceTests
{
    [Theory]
    [InlineData("murmur_alphabetic.csv")]
    [InlineData("murmur_numeric.csv")]
    public void Murmur3_matches_every_vector(string file)
    {
        var rows = 0;
        var mismatches = new List<string>();
        foreach (var line in TestPaths.ConformanceCsvLines(file))
        {
            if (line.Length == 0) continue;
            var parts = line.Split(',');
            var seed = int.Parse(parts[1], CultureInfo.InvariantCulture);
            var expected = int.Parse(parts[2], CultureInfo.InvariantCulture);
            var actual = Murmur3.Hash(parts[0], seed);
            if (actual != expected && mismatches.Count < 5) mismatches.Add($"{parts[0]} seed {seed}: {actual} != {expected}");
            rows++;
        }
        Assert.Equal(100_000, rows);
        Assert.Empty(mismatches);
    }

    [Theory]
    [InlineData("bucketing_alphabetic.csv")]
    [InlineData("bucketing_numeric.csv")]
    public void Slot_numbers_match_every_vector(string file)
    {
        var rows = 0;
        var mismatches = new List<string>();
        foreach (var line in TestPaths.ConformanceCsvLines(file))
        {
            if (line.Length == 0) continue;
            var parts = line.Split(',');
            var seed = int.Parse(parts[0], CultureInfo.InvariantCulture);
            var slotSize = int.Parse(parts[1], CultureInfo.InvariantCulture);
            var expected = int.Parse(parts[3], CultureInfo.InvariantCulture);
            var actual = Bucketer.SlotNumber(seed, slotSize, parts[2]);
            if (actual != expected && mismatches.Count < 5) mismatches.Add($"{parts[2]} seed {seed}: {actual} != {expected}");
            rows++;
        }
        Assert.Equal(100_000, rows);
        Assert.Empty(mismatches);
    }

    [Fact]
    public void Hash_is_over_utf8_bytes_and_the_string_and_byte_paths_agree()
    {
        foreach (var input in new[] { "", "a", "ab", "abc", "abcd", "사용자", "naïve-user", "😀 emoji", "abcdé", "abcdeé", "abcdefé", "abcdefgé", new string('x', 2000) })
        {
            Assert.Equal(Murmur3.Hash(Encoding.UTF8.GetBytes(input), 42), Murmur3.Hash(input, 42));
        }
    }

    [Fact]
    public void Known_reference_values_of_murmur3_x86_32()
    {
        // Published reference values of MurmurHash3_x86_32.
        Assert.Equal(0, Murmur3.Hash("", 0));
        Assert.Equal(0x514E28B7, Murmur3.Hash("", 1));
        Assert.Equal(unchecked((int)0x81F16F39), Murmur3.Hash("", unchecked((int)0xffffffff)));
        Assert.Equal(0x24884CBA, Murmur3.Hash("Hello, world!", unchecked((int)0x9747b28c)));
        Assert.Equal(0x2FA826CD, Murmur3.Hash("The quick brown fox jumps over the lazy dog", unchecked((int)0x9747b28c)));
    }
}
