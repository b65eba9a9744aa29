using LiteBox.Systems.Loading;
using LiteBox.Systems.Simulation;

namespace LiteBox.Systems.Tests;

/// <summary>The ELF parser accepts static riscv64 executables and refuses everything else with a
/// one-line reason, never an exception.</summary>
public class ElfImageTests
{
    private static byte[] Hello() => File.ReadAllBytes(GuestPrograms.Binary("hello"));

    [Test]
    public void A_static_riscv64_executable_parses()
    {
        var image = ElfImage.TryParse(Hello(), out string error);
        Assert.That(image, Is.Not.Null, error);
        Assert.Multiple(() =>
        {
            Assert.That(image!.IsPositionIndependent, Is.False);
            Assert.That(image.Segments, Is.Not.Empty);
            Assert.That(image.ProgramHeaderSize, Is.EqualTo(56));
            Assert.That(image.ProgramHeaderAddress, Is.Not.Zero);
            Assert.That(image.Entry, Is.InRange(image.Extent.Low, image.Extent.High));
        });
    }

    [TestCase(0, TestName = "empty file")]
    [TestCase(40, TestName = "truncated header")]
    public void Truncated_files_are_refused(int length)
    {
        Assert.That(ElfImage.TryParse(Hello()[..length], out string error), Is.Null);
        Assert.That(error, Does.Not.Contain("\n").And.Not.Empty);
    }

    [TestCase(4, (byte)1, "64-bit", TestName = "a 32-bit ELF")]
    [TestCase(5, (byte)2, "little-endian", TestName = "a big-endian ELF")]
    [TestCase(18, (byte)62, "not RISC-V", TestName = "an x86-64 ELF")]
    [TestCase(16, (byte)1, "neither an executable", TestName = "a relocatable object")]
    public void Other_kinds_of_ELF_are_refused_with_a_reason(int offset, byte value, string reason)
    {
        var bytes = Hello();
        bytes[offset] = value;
        Assert.That(ElfImage.TryParse(bytes, out string error), Is.Null);
        Assert.That(error, Does.Contain(reason));
    }

    [Test]
    public void A_dynamically_linked_program_is_refused()
    {
        var bytes = Hello();
        int phoff = BitConverter.ToInt32(bytes, 32);
        BitConverter.TryWriteBytes(bytes.AsSpan(phoff), 3u); // make the first program header PT_INTERP
        Assert.That(ElfImage.TryParse(bytes, out string error), Is.Null);
        Assert.That(error, Does.Contain("dynamically linked"));
    }

    [Test]
    public void A_text_file_is_refused_with_a_one_line_message_by_spawn()
    {
        string path = Path.Combine(GuestPrograms.RepositoryRoot, "guests", "root", "data", "input.txt");
        using var simulation = new Simulation.Simulation();
        var exception = Assert.Throws<SimulationException>(() => simulation.Spawn(path));
        Assert.That(exception!.Message, Does.Contain("not an ELF file").And.Not.Contain("\n"));
    }

    [Test]
    public void A_missing_file_is_refused_by_spawn()
    {
        using var simulation = new Simulation.Simulation();
        Assert.Throws<SimulationException>(() => simulation.Spawn("/nonexistent/litebox-guest"));
    }
}
