namespace LiteBox.Systems.Files;

/// <summary>The whence argument of lseek(2), with Linux's values.</summary>
public enum SeekWhence
{
    /// <summary>SEEK_SET: from the start.</summary>
    Set = 0,

    /// <summary>SEEK_CUR: from the current offset.</summary>
    Current = 1,

    /// <summary>SEEK_END: from the end of the file.</summary>
    End = 2,

    /// <summary>SEEK_DATA: the next data at or after the offset (files here have no holes).</summary>
    Data = 3,

    /// <summary>SEEK_HOLE: the next hole at or after the offset (only the end of the file here).</summary>
    Hole = 4,
}
