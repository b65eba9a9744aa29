using System.Diagnostics;
using LiteBox.Systems.Loading;
using LiteBox.Systems.Simulation;

namespace LiteBox.Systems.Tests;

/// <summary>The loader reads only regular files, and only up to a limit; everything else is refused
/// with one line, without blocking on a FIFO or reading a device without end.</summary>
public class ExecutableFileTests
{
    private string _directory = null!;

    [SetUp]
    public void CreateDirectory()
    {
        _directory = Path.Combine(Path.GetTempPath(), "litebox-exe-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_directory);
    }

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(_directory, recursive: true);

    [Test]
    public void A_regular_file_is_read_whole()
    {
        string hello = GuestPrograms.Binary("hello");
        Assert.That(ExecutableFile.ReadAll(hello), Is.EqualTo(File.ReadAllBytes(hello)));
    }

    [Test]
    public void A_link_to_a_regular_file_is_followed()
    {
        string link = Path.Combine(_directory, "link");
        File.CreateSymbolicLink(link, GuestPrograms.Binary("hello"));
        Assert.That(ExecutableFile.ReadAll(link), Is.EqualTo(File.ReadAllBytes(GuestPrograms.Binary("hello"))));
    }

    [Test]
    public void An_empty_file_reads_as_nothing()
    {
        string empty = Path.Combine(_directory, "empty");
        File.WriteAllBytes(empty, []);
        Assert.That(ExecutableFile.ReadAll(empty), Is.Empty);
    }

    [Test]
    public void A_directory_is_refused()
    {
        Assert.That(Refusal(() => ExecutableFile.ReadAll(_directory)), Is.EqualTo($"'{_directory}' cannot run: a directory, not a regular file."));
    }

    [Test]
    public void A_missing_file_is_refused()
    {
        string missing = Path.Combine(_directory, "missing");
        Assert.That(Refusal(() => ExecutableFile.ReadAll(missing)), Is.EqualTo($"'{missing}' cannot run: no such file or directory."));
    }

    [Test]
    public void A_path_through_a_file_is_refused()
    {
        string through = Path.Combine(GuestPrograms.Binary("hello"), "x");
        Assert.That(Refusal(() => ExecutableFile.ReadAll(through)), Does.StartWith($"'{through}' cannot run: "));
    }

    [TestCase("/dev/zero")]
    [TestCase("/dev/urandom")]
    [TestCase("/dev/null")]
    [Platform("Linux")]
    public void A_device_is_refused_without_being_read(string device)
    {
        Assert.That(Refusal(() => ExecutableFile.ReadAll(device)), Is.EqualTo($"'{device}' cannot run: a character device, not a regular file."));
    }

    [Test]
    [Platform("Linux")]
    public void A_link_to_a_device_is_refused()
    {
        string link = Path.Combine(_directory, "zero");
        File.CreateSymbolicLink(link, "/dev/zero");
        Assert.That(Refusal(() => ExecutableFile.ReadAll(link)), Does.EndWith("a character device, not a regular file."));
    }

    [Test]
    [Platform("Linux")]
    [CancelAfter(30_000)]
    public void A_fifo_is_refused_without_blocking()
    {
        string fifo = MakeFifo(_directory);

        // Run on another thread: an open that blocks must fail the test, not hang the run.
        var read = Task.Run(() => Refusal(() => ExecutableFile.ReadAll(fifo)));
        Assert.That(read.Wait(TimeSpan.FromSeconds(20)), Is.True, "ReadAll returned");
        Assert.That(read.Result, Is.EqualTo($"'{fifo}' cannot run: a FIFO, not a regular file."));
    }

    [Test]
    public void A_file_longer_than_the_limit_is_refused_before_it_is_read()
    {
        // Sparse where the host file system allows it: the refusal comes from the length alone.
        string big = Path.Combine(_directory, "big");
        using (var stream = File.Create(big))
        {
            stream.SetLength(ExecutableFile.MaxLength + 1L);
        }

        var clock = Stopwatch.StartNew();
        Assert.That(Refusal(() => ExecutableFile.ReadAll(big)), Is.EqualTo($"'{big}' cannot run: longer than 512 MiB, the most the loader reads."));
        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(5)));
    }

    [TestCase(true)]
    [TestCase(false)]
    public void A_file_at_the_limit_is_read_and_one_byte_more_is_refused(bool useStat)
    {
        string file = Path.Combine(_directory, "file");
        File.WriteAllBytes(file, new byte[100]);
        Assert.Multiple(() =>
        {
            Assert.That(ExecutableFile.ReadAll(file, 100, useStat), Has.Length.EqualTo(100));
            Assert.That(Refusal(() => ExecutableFile.ReadAll(file, 99, useStat)), Does.EndWith("cannot run: longer than 99 bytes, the most the loader reads."));
        });
    }

    [Test]
    [Platform("Linux")]
    public void A_file_that_reports_no_length_is_still_read_only_up_to_the_limit()
    {
        // procfs files are regular, report a length of 0, and have contents.
        Assert.Multiple(() =>
        {
            Assert.That(ExecutableFile.ReadAll("/proc/self/maps", ExecutableFile.MaxLength, useStat: true), Has.Length.GreaterThan(64));
            Assert.That(Refusal(() => ExecutableFile.ReadAll("/proc/self/maps", 64, useStat: true)), Does.Contain("longer than 64 bytes"));
        });
    }

    [Test]
    [Platform("Linux")]
    public void Without_statx_a_device_is_still_read_only_up_to_the_limit()
    {
        Assert.That(Refusal(() => ExecutableFile.ReadAll("/dev/zero", 1 << 20, useStat: false)), Is.EqualTo("'/dev/zero' cannot run: longer than 1 MiB, the most the loader reads."));
    }

    [Test]
    public void Without_statx_a_directory_is_still_refused()
    {
        Assert.That(Refusal(() => ExecutableFile.ReadAll(_directory, 100, useStat: false)), Does.EndWith("cannot run: a directory, not a regular file."));
    }

    [Test]
    [Platform("Linux")]
    public void Spawn_reads_through_the_same_checks()
    {
        using var simulation = new Simulation.Simulation(new SimulationOptions { Root = _directory });
        Assert.That(Refusal(() => simulation.Spawn("/dev/zero")), Does.EndWith("a character device, not a regular file."));
    }

    /// <summary>Makes a FIFO in <paramref name="directory"/> with the host's mkfifo (.NET has no API for one).</summary>
    internal static string MakeFifo(string directory)
    {
        string fifo = Path.Combine(directory, "fifo");
        using var mkfifo = Process.Start(new ProcessStartInfo("mkfifo", [fifo]) { UseShellExecute = false })!;
        mkfifo.WaitForExit();
        Assert.That(mkfifo.ExitCode, Is.Zero, "mkfifo");
        return fifo;
    }

    private static string Refusal(Action read)
    {
        var refused = Assert.Throws<SimulationException>(() => read())!;
        Assert.That(refused.Message, Does.Not.Contain('\n'));
        return refused.Message;
    }
}
