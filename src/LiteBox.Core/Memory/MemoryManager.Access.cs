using System.Runtime.CompilerServices;
using LiteBox.Cpu;

namespace LiteBox.Core.Memory;

// Page access for the shim's reads and writes: like a user access (the protection must allow
// it) but resolved on the spot, copy-on-write included.
public sealed partial class MemoryManager
{
    internal unsafe Errno AccessPage(AddressSpaceId id, ulong address, MemoryAccess access, out nint host)
    {
        host = 0;
        if (!IsLive(id))
        {
            return Errno.EFAULT;
        }

        ulong page = address & ~PageMask;
        var result = Translate(id, page, access, out host);
        if (result == TranslationResult.PageFault && ResolveFaultLocked(id.Index, page, access) == FaultResolution.Resolved)
        {
            result = Translate(id, page, access, out host);
        }

        return result == TranslationResult.Success ? Errno.None : Errno.EFAULT;
    }
}
