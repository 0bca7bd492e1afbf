using System.Text;
using Hackle.Internal.Delivery;

namespace Hackle.Runtime.Tests.Delivery;

/// <summary>Known insertIds for the payload tests: the writer's ids for records, and the same ones given to the objects they are compared with.</summary>
internal static class TestInsertIds
{
    /// <summary>The n-th fixed id (1, 2, 3...), a version-4-shaped guid.</summary>
    public static Guid FixedGuid(int n) => new Guid(n, (short)n, (short)(n * 3), 0x40, 0x81, 2, 3, 4, 5, 6, (byte)n);
}

/// <summary>Fixed ids 1, 2, 3... in the order the writer asks for them.</summary>
internal sealed class FixedInsertIds : InsertIdSource
{
    public int Made { get; private set; }

    public override void Next(Span<byte> destination) => Encoding.UTF8.GetBytes(TestInsertIds.FixedGuid(++Made).ToString()).CopyTo(destination);
}

/// <summary>Fixed ids 1, 2, 3... that skip the given calls (the ids a failed record takes before it fails).</summary>
internal sealed class SkippingInsertIds : InsertIdSource
{
    private readonly HashSet<int> _skipped;
    private int _calls;
    private int _made;

    public SkippingInsertIds(params int[] skipped) => _skipped = new HashSet<int>(skipped);

    public override void Next(Span<byte> destination)
    {
        _calls++;
        var id = _skipped.Contains(_calls) ? -_calls : ++_made;
        Encoding.UTF8.GetBytes(TestInsertIds.FixedGuid(id).ToString()).CopyTo(destination);
    }
}
