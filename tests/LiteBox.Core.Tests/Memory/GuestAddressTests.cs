using LiteBox.Core.Memory;

namespace LiteBox.Core.Tests;

/// <summary>GuestAddress: a 64-bit guest address with page arithmetic and overflow-checked offsets.</summary>
public sealed class GuestAddressTests
{
    [Test]
    public void Page_start_offset_and_alignment()
    {
        var address = new GuestAddress(0x1_2345);
        Assert.Multiple(() =>
        {
            Assert.That(address.PageStart, Is.EqualTo(new GuestAddress(0x1_2000)));
            Assert.That(address.PageOffset, Is.EqualTo(0x345));
            Assert.That(address.IsAligned(1), Is.True);
            Assert.That(address.IsAligned(2), Is.False);
            Assert.That(new GuestAddress(0x1_2348).IsAligned(8), Is.True);
            Assert.That(new GuestAddress(0x1_2348).IsAligned(16), Is.False);
        });
    }

    [Test]
    public void An_offset_that_wraps_past_2_to_the_64_is_null()
    {
        var top = new GuestAddress(ulong.MaxValue - 7);
        Assert.Multiple(() =>
        {
            Assert.That(top.Offset(7), Is.EqualTo(new GuestAddress(ulong.MaxValue)));
            Assert.That(top.Offset(8), Is.Null);
            Assert.That(new GuestAddress(0x1000).Offset(0x10), Is.EqualTo(new GuestAddress(0x1010)));
        });
    }

    [Test]
    public void Comparison_equality_and_text()
    {
        var low = new GuestAddress(0x1000);
        var alsoLow = new GuestAddress(0x1000);
        var high = (GuestAddress)0x2000UL;
        Assert.Multiple(() =>
        {
            Assert.That(low < high && high > low && low <= alsoLow && low >= alsoLow && !(high <= low), Is.True);
            Assert.That(low.CompareTo(high), Is.Negative);
            Assert.That(low == new GuestAddress(0x1000) && low != high, Is.True);
            Assert.That(low.Equals((object)new GuestAddress(0x1000)), Is.True);
            Assert.That(low.GetHashCode(), Is.EqualTo(new GuestAddress(0x1000).GetHashCode()));
            Assert.That((ulong)high, Is.EqualTo(0x2000UL));
            Assert.That(high.ToString(), Is.EqualTo("0x2000"));
        });
    }
}
