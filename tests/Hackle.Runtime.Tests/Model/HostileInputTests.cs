using System.Collections;
using Hackle;
using Hackle.Internal;

namespace Hackle.Runtime.Tests.Model;

/// <summary>
/// Hostile property values (issue 12, item 2): cyclic, very deep, huge, endless or throwing collections
/// never crash or hang the caller; they are dropped and counted.
/// </summary>
public class HostileInputTests
{
    [Fact]
    public void A_list_that_contains_itself_keeps_its_scalar_elements_and_counts_the_nested_one()
    {
        var cyclic = new List<object> { "a", 1 };
        cyclic.Add(cyclic);
        var before = InputDrops.Count(InputDrops.NestedCollection);

        var properties = new HackleProperties { ["cyclic"] = cyclic };

        // Spec §6: a collection keeps only its string and number elements; the self reference is one of the others.
        Assert.Equal(new object[] { "a", 1L }, (object[])properties["cyclic"]);
        Assert.True(InputDrops.Count(InputDrops.NestedCollection) > before);
    }

    [Fact]
    public void A_collection_nested_100000_levels_deep_is_not_walked()
    {
        object deep = new object[] { "leaf" };
        for (var i = 0; i < 100_000; i++) deep = new object[] { deep, i };

        var properties = new HackleProperties { ["deep"] = deep, ["$deep"] = deep };

        Assert.Equal(new object[] { 99_999L }, (object[])properties["deep"]);
        Assert.Equal(new object[] { 99_999L }, (object[])properties["$deep"]);
    }

    [Fact]
    public void An_endless_sequence_is_dropped_after_the_element_limit()
    {
        var endless = new EndlessSequence();
        var before = InputDrops.Count(InputDrops.CollectionTooLong);
        var properties = new HackleProperties();

        Assert.False(properties.Set("endless", endless));

        Assert.False(properties.ContainsKey("endless"));
        Assert.Equal(1, properties.DroppedCount);
        Assert.Equal(HackleProperties.MaxCollectionLength + 1, endless.Yielded);
        Assert.True(InputDrops.Count(InputDrops.CollectionTooLong) > before);
    }

    [Fact]
    public void A_collection_longer_than_the_limit_is_dropped_without_being_enumerated()
    {
        var huge = new CountingList(100_000);
        var properties = new HackleProperties();

        Assert.False(properties.Set("huge", huge));
        Assert.False(properties.Set("$huge", huge));

        Assert.Equal(0, huge.Enumerated);
        Assert.Equal(2, properties.DroppedCount);
    }

    [Fact]
    public void A_collection_at_the_limit_is_kept()
    {
        var atLimit = Enumerable.Range(0, HackleProperties.MaxCollectionLength).ToArray();
        var properties = new HackleProperties { ["ok"] = atLimit };
        Assert.Equal(HackleProperties.MaxCollectionLength, ((object[])properties["ok"]).Length);
    }

    [Fact]
    public void A_sequence_that_throws_while_enumerated_is_dropped_and_counted()
    {
        var before = InputDrops.Count(InputDrops.CollectionFailed);
        var properties = new HackleProperties();

        Assert.False(properties.Set("throws", ThrowingSequence()));

        Assert.Empty(properties);
        Assert.Equal(1, properties.DroppedCount);
        Assert.True(InputDrops.Count(InputDrops.CollectionFailed) > before);
    }

    [Fact]
    public void A_system_property_string_over_the_limit_is_dropped()
    {
        var before = InputDrops.Count(InputDrops.SystemStringTooLong);
        var properties = new HackleProperties
        {
            ["$ok"] = new string('x', HackleProperties.MaxSystemStringLength),
            ["$megabyte"] = new string('x', 1 << 20),
        };

        Assert.True(properties.ContainsKey("$ok"));
        Assert.False(properties.ContainsKey("$megabyte"));
        Assert.Equal(1, properties.DroppedCount);
        Assert.True(InputDrops.Count(InputDrops.SystemStringTooLong) > before);
    }

    [Fact]
    public void Drops_are_counted_by_cause_for_the_whole_process()
    {
        var before = InputDrops.Snapshot();
        var properties = new HackleProperties { [new string('k', 200)] = 1, ["object"] = new object() };
        var after = InputDrops.Snapshot();

        Assert.True(after[InputDrops.PropertyKeyInvalid] > before[InputDrops.PropertyKeyInvalid]);
        Assert.True(after[InputDrops.PropertyValueUnsupported] > before[InputDrops.PropertyValueUnsupported]);
        Assert.Equal(2, properties.DroppedCount);
    }

    private static IEnumerable<object> ThrowingSequence()
    {
        yield return "a";
        throw new InvalidOperationException("a hostile enumerator");
    }

    /// <summary>Yields numbers forever; stops the test run with an exception if a caller never stops asking.</summary>
    private sealed class EndlessSequence : IEnumerable<object>
    {
        public int Yielded { get; private set; }

        public IEnumerator<object> GetEnumerator()
        {
            while (true)
            {
                if (Yielded == 10_000_000) throw new InvalidOperationException("the caller enumerated 10 million elements");
                Yielded++;
                yield return Yielded;
            }
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }

    /// <summary>A large collection that records whether anyone enumerated it.</summary>
    private sealed class CountingList : ICollection
    {
        private readonly int _count;

        public CountingList(int count) => _count = count;

        public int Enumerated { get; private set; }
        public int Count => _count;
        public bool IsSynchronized => false;
        public object SyncRoot => this;
        public void CopyTo(Array array, int index) => throw new NotSupportedException();

        public IEnumerator GetEnumerator()
        {
            for (var i = 0; i < _count; i++)
            {
                Enumerated++;
                yield return i;
            }
        }
    }
}
