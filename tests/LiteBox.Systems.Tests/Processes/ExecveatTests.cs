using LiteBox.Systems.Simulation;

namespace LiteBox.Systems.Tests;

/// <summary>execveat as Linux has it (qemu-riscv64 7.2 answers ENOSYS, so there is no golden
/// file): a path relative to a directory descriptor; an empty path only with AT_EMPTY_PATH; and
/// AT_EMPTY_PATH on an O_PATH descriptor of the program, which is how glibc's fexecve works.</summary>
public class ExecveatTests
{
    [Test]
    public void Execveat_runs_a_program_relative_to_a_directory_and_through_an_O_PATH_descriptor()
    {
        var result = ScaleGuest.Run(new SimulationOptions { Root = Path.Combine(GuestPrograms.RepositoryRoot, "guests", "scale") }, "execat");
        Assert.Multiple(() =>
        {
            Assert.That(ScaleGuest.Output(result), Is.EqualTo(
                "execveat(dirfd, \"\") without AT_EMPTY_PATH: -1 ENOENT\n"
                + "exec'd through a directory descriptor\n"
                + "spawned and reaped: 1\n"));
            Assert.That(result.ShellExitCode, Is.Zero);
            Assert.That(result.Statistics.SystemCallsByName["execveat"], Is.EqualTo(3));
        });
    }
}
