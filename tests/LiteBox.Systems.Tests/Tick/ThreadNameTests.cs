using System.Text;
using LiteBox.Systems.Processes;

namespace LiteBox.Systems.Tests;

/// <summary>A new thread's name (comm) comes from its program's file name, its UTF-8 cut to 15
/// bytes, the 16th always a NUL.</summary>
public class ThreadNameTests
{
    [Test]
    public void A_short_name_is_the_last_path_component()
    {
        Assert.That(Bytes(ThreadName.FromPath("/bin/hello")), Is.EqualTo("hello"u8.ToArray()));
    }

    [Test]
    public void A_long_name_is_cut_to_fifteen_bytes()
    {
        Assert.That(Bytes(ThreadName.FromPath("a-rather-long-program-name")), Is.EqualTo("a-rather-long-p"u8.ToArray()));
    }

    [Test]
    public void A_name_of_many_byte_characters_is_cut_by_bytes_without_failing()
    {
        // Nine two-byte characters: 18 bytes, cut inside the eighth character, as Linux cuts comm.
        byte[] utf8 = Encoding.UTF8.GetBytes("ééééééééé");
        var name = ThreadName.FromPath("/x/ééééééééé");
        Assert.Multiple(() =>
        {
            Assert.That(Bytes(name), Is.EqualTo(utf8[..15]));
            Assert.That(((ReadOnlySpan<byte>)name)[15], Is.Zero);
        });
    }

    private static byte[] Bytes(ThreadName name)
    {
        ReadOnlySpan<byte> bytes = name;
        int end = bytes.IndexOf((byte)0);
        return bytes[..(end < 0 ? bytes.Length : end)].ToArray();
    }
}
