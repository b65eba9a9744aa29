using LiteBox.Core.Memory;

namespace LiteBox.Core.Tests;

/// <summary>One page as the model sees it: its mapping's protection and backing, and its private
/// contents once written.</summary>
internal sealed class ModelPage
{
    public Protection Protection { get; set; }

    public MappingKind Kind { get; init; }

    /// <summary>The model's object id, or -1 for private anonymous memory.</summary>
    public int Object { get; init; } = -1;

    public ulong ObjectPage { get; init; }

    /// <summary>The page's own bytes once a private page is written; null while it reads its backing.</summary>
    public byte[]? Private { get; set; }

    public bool IsReadable => (Protection & (Protection.Read | Protection.Write)) != 0;

    public bool IsWritable => (Protection & Protection.Write) != 0;

    public ModelPage Clone() => new()
    {
        Protection = Protection,
        Kind = Kind,
        Object = Object,
        ObjectPage = ObjectPage,
        Private = (byte[]?)Private?.Clone(),
    };

    /// <summary>Whether <paramref name="next"/>, the page just after this one, belongs to the same
    /// mapping (the rule by which adjacent mappings merge).</summary>
    public bool Continues(ModelPage next) =>
        Protection == next.Protection && Kind == next.Kind && Object == next.Object && (Object < 0 || ObjectPage + 1 == next.ObjectPage);

    /// <summary>A page of the same mapping <paramref name="pages"/> further on, not yet touched.</summary>
    public ModelPage Following(ulong pages) => new()
    {
        Protection = Protection,
        Kind = Kind,
        Object = Object,
        ObjectPage = Object < 0 ? 0 : ObjectPage + pages,
    };
}

/// <summary>A page table and its mappings, as pages: what a space (or a lent child) runs in.</summary>
internal sealed class ModelTable(AddressRange range)
{
    public AddressRange Range { get; set; } = range;

    public SortedDictionary<ulong, ModelPage> Pages { get; private set; } = [];

    public ulong BreakStart { get; set; }

    public ulong Break { get; set; }

    public ModelTable Clone()
    {
        var copy = new ModelTable(Range) { BreakStart = BreakStart, Break = Break };
        foreach (var (address, page) in Pages)
        {
            copy.Pages.Add(address, page.Clone());
        }

        return copy;
    }

    public void RestoreFrom(ModelTable saved)
    {
        Pages = saved.Pages;
        BreakStart = saved.BreakStart;
        Break = saved.Break;
    }

    public ModelPage? At(ulong page) => Pages.GetValueOrDefault(page);

    public bool AnyMapped(ulong start, ulong end)
    {
        for (ulong page = start; page < end; page += MemoryKit.Page)
        {
            if (Pages.ContainsKey(page))
            {
                return true;
            }
        }

        return false;
    }

    public bool AllMapped(ulong start, ulong end)
    {
        for (ulong page = start; page < end; page += MemoryKit.Page)
        {
            if (!Pages.ContainsKey(page))
            {
                return false;
            }
        }

        return true;
    }

    public void Remove(ulong start, ulong end)
    {
        for (ulong page = start; page < end; page += MemoryKit.Page)
        {
            Pages.Remove(page);
        }
    }

    /// <summary>The end of the mapping holding <paramref name="page"/>.</summary>
    public ulong MappingEnd(ulong page)
    {
        var current = Pages[page];
        while (Pages.TryGetValue(page + MemoryKit.Page, out var next) && current.Continues(next))
        {
            page += MemoryKit.Page;
            current = next;
        }

        return page + MemoryKit.Page;
    }

    /// <summary>The mappings, merged as the memory manager merges them.</summary>
    public List<MappingInfo> Mappings()
    {
        var mappings = new List<MappingInfo>();
        ulong start = 0;
        ulong end = 0;
        ModelPage? last = null;
        foreach (var (address, page) in Pages)
        {
            if (last is not null && address == end && last.Continues(page))
            {
                end += MemoryKit.Page;
            }
            else
            {
                if (last is not null)
                {
                    mappings.Add(new MappingInfo(start, end, Pages[start].Protection, Pages[start].Kind));
                }

                start = address;
                end = address + MemoryKit.Page;
            }

            last = page;
        }

        if (last is not null)
        {
            mappings.Add(new MappingInfo(start, end, Pages[start].Protection, Pages[start].Kind));
        }

        return mappings;
    }
}

/// <summary>The contents of memory objects: the image, and the pages of every shared object.</summary>
internal sealed class ModelObjects(byte[] image)
{
    public const int Image = 0;
    public const int SharedMemory = 1;

    private static readonly byte[] s_zero = new byte[MemoryKit.Page];
    private readonly Dictionary<(int Object, ulong Page), byte[]> _pages = [];
    private int _next = 2;

    public int NewObject() => _next++;

    /// <summary>What <paramref name="page"/> reads.</summary>
    public byte[] Contents(ModelPage page) => page.Private ?? (page.Object < 0 ? s_zero : ObjectPage(page.Object, page.ObjectPage));

    public byte Read(ModelPage page, int offset) => Contents(page)[offset];

    public void Write(ModelPage page, int offset, byte value)
    {
        if (page.Kind == MappingKind.SharedObject)
        {
            if (!_pages.TryGetValue((page.Object, page.ObjectPage), out var bytes))
            {
                bytes = new byte[MemoryKit.Page];
                _pages.Add((page.Object, page.ObjectPage), bytes);
            }

            bytes[offset] = value;
            return;
        }

        page.Private ??= (byte[])Contents(page).Clone();
        page.Private[offset] = value;
    }

    private byte[] ObjectPage(int obj, ulong page)
    {
        if (obj == Image)
        {
            var bytes = new byte[MemoryKit.Page];
            ulong start = page * MemoryKit.Page;
            if (start < (ulong)image.Length)
            {
                image.AsSpan((int)start, Math.Min((int)MemoryKit.Page, image.Length - (int)start)).CopyTo(bytes);
            }

            return bytes;
        }

        return _pages.GetValueOrDefault((obj, page)) ?? s_zero;
    }
}

/// <summary>A live address space of the model: its id and the table it runs in (a lent child
/// shares its parent's).</summary>
internal sealed class ModelSpace(AddressSpaceId id, ModelTable table)
{
    public AddressSpaceId Id { get; } = id;

    public ModelTable Table { get; set; } = table;

    /// <summary>For a SharedMemory child running in its parent's table: the parent.</summary>
    public ModelSpace? LentFrom { get; set; }

    /// <summary>For a lent parent: its table as it was at the fork.</summary>
    public ModelTable? Saved { get; set; }

    /// <summary>The start of the window the random operations work in.</summary>
    public ulong Window => Table.Range.Start + 0x10_0000;
}
