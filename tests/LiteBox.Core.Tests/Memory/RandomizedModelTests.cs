using LiteBox.Core.Memory;

namespace LiteBox.Core.Tests;

/// <summary>Thousands of random map, munmap, mprotect, mremap, madvise, brk, fork, destroy, read,
/// write and fault operations over several spaces, every result checked against a page model,
/// then a leak audit.</summary>
[TestFixture(AddressSpaceKind.Isolated)]
[TestFixture(AddressSpaceKind.SharedMemory)]
public sealed class RandomizedModelTests(AddressSpaceKind kind)
{
    private const int Steps = 4000;

    [TestCase(1)]
    [TestCase(2)]
    [TestCase(3)]
    public void Random_operations_match_the_model_and_leave_nothing_behind(int seed)
    {
        using var run = new ModelRun(kind, seed);
        run.Run(Steps);
        run.DestroyEverythingAndAudit();

        var outcomes = run.Outcomes;
        Assert.Multiple(() =>
        {
            foreach (string operation in new[] { "read", "write", "mmap", "munmap", "mprotect", "madvise", "mremap", "mremap (moved)", "brk", "fault", "fork", "destroy" })
            {
                Assert.That(outcomes.GetValueOrDefault(operation).Succeeded, Is.GreaterThan(10), $"{operation} succeeded");
            }

            foreach (string operation in new[] { "read", "write", "mmap", "mprotect", "madvise", "mremap", "brk", "fault" })
            {
                Assert.That(outcomes.GetValueOrDefault(operation).Failed, Is.GreaterThan(10), $"{operation} failed");
            }

            if (kind == AddressSpaceKind.SharedMemory)
            {
                Assert.That(outcomes.GetValueOrDefault("return").Succeeded, Is.GreaterThan(10), "lent tables returned");
            }
        });
    }
}
