using System.Buffers.Binary;
using LiteBox.Systems.Simulation;

namespace LiteBox.Systems.Tests;

/// <summary>When the host's stdin, stdout or stderr fails (closed, /dev/full), the guest's read or
/// write gets EIO and the run goes on; the simulator does not stop with an exception.</summary>
public class HostStreamTests
{
    private const int HeaderSize = 64;
    private const int ProgramHeaderSize = 56;
    private const ulong BaseAddress = 0x10000;

    [Test]
    public void A_write_to_a_failing_stdout_is_EIO_for_the_guest()
    {
        using var trace = new StringWriter();
        using var simulation = new Simulation.Simulation(new SimulationOptions
        {
            StandardOutput = new FailingStream(),
            StandardError = new FailingStream(),
            Strace = trace,
        });
        simulation.Spawn(GuestPrograms.Binary("hello"), ["hello"], []);
        var result = simulation.Run();
        Assert.Multiple(() =>
        {
            Assert.That(result.ShellExitCode, Is.Zero);
            Assert.That(trace.ToString(), Does.Match(@" write\(0x1,[^\n]* = -1 errno=5 \(EIO\)"));
        });
    }

    [Test]
    public void A_read_from_a_failing_stdin_is_EIO_for_the_guest()
    {
        string program = Path.Combine(Path.GetTempPath(), "litebox-readstdin-" + Guid.NewGuid().ToString("N"));
        File.WriteAllBytes(program, ReadStdinProgram());
        try
        {
            // Seekable, as a file is: such a stdin is read when the guest reads, where the error
            // can reach it (a pipe or terminal is read ahead, and its error ends the input).
            using var simulation = new Simulation.Simulation(new SimulationOptions { StandardInput = new FailingStream(seekable: true) });
            simulation.Spawn(program);
            Assert.That(simulation.Run().ShellExitCode, Is.EqualTo(5));
        }
        finally
        {
            File.Delete(program);
        }
    }

    [Test]
    public void The_program_that_reads_stdin_exits_with_minus_what_read_returned()
    {
        // The other half of the test above: with a working stdin the same program exits 256 - 3.
        string program = Path.Combine(Path.GetTempPath(), "litebox-readstdin-" + Guid.NewGuid().ToString("N"));
        File.WriteAllBytes(program, ReadStdinProgram());
        try
        {
            using var simulation = new Simulation.Simulation(new SimulationOptions { StandardInput = new MemoryStream("abc"u8.ToArray()) });
            simulation.Spawn(program);
            Assert.That(simulation.Run().ShellExitCode, Is.EqualTo(253));
        }
        finally
        {
            File.Delete(program);
        }
    }

    [TestCase(true, 5, TestName = "A sendfile to a failing stdout is EIO for the guest")]
    [TestCase(false, 256 - 5, TestName = "A sendfile to a working stdout moves the file's bytes")]
    public void A_sendfile_to_stdout(bool failing, int exitCode)
    {
        var root = Directory.CreateTempSubdirectory("litebox-sendfile-");
        try
        {
            File.WriteAllText(Path.Combine(root.FullName, "f"), "hello");
            string program = Path.Combine(root.FullName, "sendfile");
            File.WriteAllBytes(program, SendFileProgram());
            var output = new MemoryStream();
            using var simulation = new Simulation.Simulation(new SimulationOptions
            {
                Root = root.FullName,
                StandardOutput = failing ? new FailingStream() : output,
            });
            simulation.Spawn(program);
            Assert.Multiple(() =>
            {
                Assert.That(simulation.Run().ShellExitCode, Is.EqualTo(exitCode));
                Assert.That(output.ToArray(), Is.EqualTo(failing ? ""u8.ToArray() : "hello"u8.ToArray()));
            });
        }
        finally
        {
            root.Delete(recursive: true);
        }
    }

    /// <summary>A static riscv64 executable that reads up to 16 bytes from fd 0 onto its stack and
    /// exits with minus what read returned (so 5 for EIO).</summary>
    private static byte[] ReadStdinProgram() => Program(
    [
        0x00000513, // addi a0, zero, 0     fd 0
        0xFC010593, // addi a1, sp, -64     a buffer below the stack pointer
        0x01000613, // addi a2, zero, 16
        0x03F00893, // addi a7, zero, 63    read
        0x00000073, // ecall
        0x40A00533, // sub a0, zero, a0
        0x05D00893, // addi a7, zero, 93    exit
        0x00000073, // ecall
    ], []);

    /// <summary>A static riscv64 executable that opens /f and sendfiles up to 16 bytes of it to
    /// fd 1, then exits with minus what sendfile returned (so 5 for EIO).</summary>
    private static byte[] SendFileProgram()
    {
        const int instructions = 16;
        const uint pathOffset = HeaderSize + ProgramHeaderSize + (instructions * 4);
        return Program(
        [
            0xF9C00513, // addi a0, zero, -100  AT_FDCWD
            0x000105B7, // lui a1, 0x10         the load address
            0x00058593 | (pathOffset << 20), // addi a1, a1, pathOffset   "/f"
            0x00000613, // addi a2, zero, 0     O_RDONLY
            0x00000693, // addi a3, zero, 0
            0x03800893, // addi a7, zero, 56    openat
            0x00000073, // ecall
            0x00050593, // addi a1, a0, 0       the file
            0x00100513, // addi a0, zero, 1     stdout
            0x00000613, // addi a2, zero, 0     no offset: the file's own
            0x01000693, // addi a3, zero, 16
            0x04700893, // addi a7, zero, 71    sendfile
            0x00000073, // ecall
            0x40A00533, // sub a0, zero, a0
            0x05D00893, // addi a7, zero, 93    exit
            0x00000073, // ecall
        ], "/f\0"u8.ToArray());
    }

    /// <summary>A static ET_EXEC riscv64 file of one read-execute segment at <see cref="BaseAddress"/>:
    /// the headers, then <paramref name="code"/> (where execution starts), then <paramref name="data"/>.</summary>
    private static byte[] Program(uint[] code, byte[] data)
    {
        const int headerSize = HeaderSize;
        const int programHeaderSize = ProgramHeaderSize;
        const ulong baseAddress = BaseAddress;
        var file = new byte[headerSize + programHeaderSize + (code.Length * 4) + data.Length];
        var span = file.AsSpan();
        "\u007fELF"u8.CopyTo(span);
        span[4] = 2; // 64-bit
        span[5] = 1; // little-endian
        span[6] = 1; // version
        BinaryPrimitives.WriteUInt16LittleEndian(span[16..], 2); // ET_EXEC
        BinaryPrimitives.WriteUInt16LittleEndian(span[18..], 243); // RISC-V
        BinaryPrimitives.WriteUInt32LittleEndian(span[20..], 1);
        BinaryPrimitives.WriteUInt64LittleEndian(span[24..], baseAddress + headerSize + programHeaderSize); // entry
        BinaryPrimitives.WriteUInt64LittleEndian(span[32..], headerSize); // program headers
        BinaryPrimitives.WriteUInt16LittleEndian(span[52..], headerSize);
        BinaryPrimitives.WriteUInt16LittleEndian(span[54..], programHeaderSize);
        BinaryPrimitives.WriteUInt16LittleEndian(span[56..], 1);
        BinaryPrimitives.WriteUInt16LittleEndian(span[58..], 64); // section header size, no sections

        var header = span[headerSize..];
        BinaryPrimitives.WriteUInt32LittleEndian(header, 1); // PT_LOAD
        BinaryPrimitives.WriteUInt32LittleEndian(header[4..], 5); // R + X
        BinaryPrimitives.WriteUInt64LittleEndian(header[16..], baseAddress);
        BinaryPrimitives.WriteUInt64LittleEndian(header[24..], baseAddress);
        BinaryPrimitives.WriteUInt64LittleEndian(header[32..], (ulong)file.Length);
        BinaryPrimitives.WriteUInt64LittleEndian(header[40..], (ulong)file.Length);
        BinaryPrimitives.WriteUInt64LittleEndian(header[48..], 0x1000);

        for (int i = 0; i < code.Length; i++)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(span[(headerSize + programHeaderSize + (i * 4))..], code[i]);
        }

        data.CopyTo(span[(headerSize + programHeaderSize + (code.Length * 4))..]);
        return file;
    }

    /// <summary>A host stream that fails every transfer, as a closed descriptor or /dev/full does.</summary>
    private sealed class FailingStream(bool seekable = false) : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => seekable;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new IOException("Bad file descriptor");

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new IOException("No space left on device");

        public override void Write(ReadOnlySpan<byte> buffer) => throw new IOException("No space left on device");
    }
}
