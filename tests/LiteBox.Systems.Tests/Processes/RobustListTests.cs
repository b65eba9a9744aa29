using LiteBox.Systems.Simulation;

namespace LiteBox.Systems.Tests;

/// <summary>set_robust_list is honoured when a thread dies: a robust mutex its owner held is
/// marked FUTEX_OWNER_DIED, so the next locker gets EOWNERDEAD, whether the owner was a thread
/// that ended or a process that exited. (qemu-riscv64 7.2 answers set_robust_list with ENOSYS,
/// where the next locker would wait for ever, so this is checked against Linux's semantics.)</summary>
public class RobustListTests
{
    [Test]
    public void A_robust_mutex_held_by_a_dead_owner_is_handed_over_with_EOWNERDEAD()
    {
        var result = ScaleGuest.Run(new SimulationOptions(), "robust");
        Assert.That(ScaleGuest.Output(result), Is.EqualTo(
            "lock after the owning thread died: EOWNERDEAD\n"
            + "lock again: 0\n"
            + "lock after the owning process died: EOWNERDEAD\n"
            + "lock again: 0\n"));
    }
}
