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
        // Well-formed UTF-16 only: here .NET's UTF-8 encoder and Java's agree.
        foreach (var input in new[] { "", "a", "ab", "abc", "abcd", "사용자", "naïve-user", "😀 emoji", "abcdé", "abcdeé", "abcdefé", "abcdefgé", new string('x', 2000) })
        {
            Assert.Equal(Murmur3.Hash(Encoding.UTF8.GetBytes(input), 42), Murmur3.Hash(input, 42));
        }
    }

    // Expected values computed outside .NET: a separate MurmurHash3 x86_32 written in Python over
    // str.encode("utf-8", "replace"), which (like Java's String.getBytes(UTF_8), what Hackle's Java SDK
    // hashes) writes an unpaired surrogate as '?' (0x3F). Docs: protocol.md §2.1.
    [Theory]
    [InlineData("\\uC0AC\\uC6A9\\uC790", -795062556, 1618328351)]               // Korean, 3 bytes per char
    [InlineData("user-\\uD83D\\uDE00", 262889082, 2108146996)]                  // emoji: a surrogate pair is one 4-byte code point
    [InlineData("\\uD83D\\uDE00 emoji \\uD83C\\uDF89", 1177537048, 1523522157)]
    [InlineData("user-\\uD800", 1891109658, -962944844)]                       // lone high surrogate -> '?'
    [InlineData("\\uDC00abc", -567832113, 1520297384)]                         // lone low surrogate -> '?'
    [InlineData("a\\uD83D", -499236521, -953220200)]                           // high surrogate at the end
    [InlineData("\\uDE00\\uD83D", 1284670146, -1930891022)]                    // a reversed pair is two lone surrogates
    public void Non_ascii_ids_hash_as_hackles_java_sdk_does(string escaped, int hashSeed0, int hashSeed1234567)
    {
        var input = System.Text.RegularExpressions.Regex.Unescape(escaped);
        Assert.Equal(hashSeed0, Murmur3.Hash(input, 0));
        Assert.Equal(hashSeed1234567, Murmur3.Hash(input, 1234567));
    }

    [Fact]
    public void A_long_non_ascii_id_with_a_lone_surrogate_hashes_as_java_on_the_pooled_path()
    {
        // 618 Java UTF-8 bytes: past the stack buffer, so the rented-array path is taken.
        var input = "na\\u00EFve-\\uC0AC\\uC6A9\\uC790-" + new string('x', 600) + "\\uD800";
        input = System.Text.RegularExpressions.Regex.Unescape(input);
        Assert.Equal(-1981028842, Murmur3.Hash(input, 0));
        Assert.Equal(732724637, Murmur3.Hash(input, 1234567));
        Assert.Equal(Murmur3.Hash("user-?", 0), Murmur3.Hash(System.Text.RegularExpressions.Regex.Unescape("user-\\uD800"), 0));
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
