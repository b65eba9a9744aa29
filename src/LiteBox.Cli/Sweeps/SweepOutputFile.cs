using System.Text;
using LiteBox.Cli.Runs;

namespace LiteBox.Cli.Sweeps;

/// <summary>
/// A sweep's output while it runs: one JSON line per run, each written whole and flushed to disk
/// when its run ends, so that a sweep killed at any moment loses at most the run it was in. The
/// file is opened once and locked for the whole sweep, so that a second litebox given the same
/// output cannot interleave its lines with this one's; readers (a merge, <c>tail -f</c>) may still read it.
/// </summary>
public sealed class SweepOutputFile : IDisposable
{
    private readonly FileStream _stream;

    private SweepOutputFile(FileStream stream, HashSet<string> completed, bool repairedTornLine)
    {
        _stream = stream;
        Completed = completed;
        RepairedTornLine = repairedTornLine;
    }

    /// <summary>The keys of the runs the file already held when it was opened: the runs a resumed sweep skips.</summary>
    public IReadOnlySet<string> Completed { get; }

    /// <summary>Whether the file ended in a torn line (a sweep killed while it wrote), which was cut off.</summary>
    public bool RepairedTornLine { get; }

    /// <summary>Opens (or creates) the output of <paramref name="sweep"/> at <paramref name="path"/>
    /// to resume it: the runs already there are <see cref="Completed"/>, and a torn last line is cut off.</summary>
    /// <exception cref="IOException">The file cannot be read or written, or another process holds it.</exception>
    /// <exception cref="UnauthorizedAccessException">It may not be written.</exception>
    /// <exception cref="SweepFileException">It holds something other than runs of this sweep.</exception>
    public static SweepOutputFile Open(string path, SweepSpec sweep)
    {
        ArgumentNullException.ThrowIfNull(sweep);
        var stream = new FileStream(path, new FileStreamOptions
        {
            Mode = FileMode.OpenOrCreate,
            Access = FileAccess.ReadWrite,
            Share = FileShare.Read,
            BufferSize = 0, // each line goes to the file in one write
        });
        try
        {
            Lock(stream);
            var bytes = new byte[stream.Length];
            stream.ReadExactly(bytes);
            var contents = SweepFileReader.Read(bytes);
            var completed = new HashSet<string>(StringComparer.Ordinal);
            foreach (var line in contents.Lines)
            {
                Check(line, sweep);
                completed.Add(line.Position.Key);
            }

            if (contents.TornLine)
            {
                stream.SetLength(contents.CompleteLength);
            }

            stream.Seek(0, SeekOrigin.End);
            if (contents.MissingNewline)
            {
                stream.WriteByte((byte)'\n');
            }

            return new SweepOutputFile(stream, completed, contents.TornLine);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>Appends <paramref name="record"/> (which has its place in the sweep) as one line
    /// and flushes it to disk.</summary>
    /// <exception cref="IOException">The line cannot be written.</exception>
    public void Append(RunRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (record.Sweep is null)
        {
            throw new ArgumentException("A sweep's line needs the run's place in the sweep.", nameof(record));
        }

        _stream.Write(Encoding.UTF8.GetBytes(record.ToJsonLine() + "\n"));
        _stream.Flush(flushToDisk: true);
    }

    /// <inheritdoc />
    public void Dispose() => _stream.Dispose();

    /// <summary>Takes a write lock on the whole file (fcntl's on Unix, held by the process): a
    /// second sweep is refused, while readers, which take no lock, are not.</summary>
    private static void Lock(FileStream stream)
    {
        if (OperatingSystem.IsMacOS())
        {
            return; // where files cannot be locked, two sweeps into one file are the user's to avoid
        }

        try
        {
            stream.Lock(0, long.MaxValue);
        }
        catch (IOException e)
        {
            throw new IOException("another process is writing it (a second sweep with the same output?)", e);
        }
    }

    private static void Check(SweepLine line, SweepSpec sweep)
    {
        var position = line.Position;
        if (position.Sweep != sweep.Id)
        {
            throw new SweepFileException($"line {line.Number} is a run of another sweep ({position.Sweep}; this spec's is {sweep.Id}): the spec has changed since that file was written, so write to another --output");
        }

        if (position.Index >= sweep.Runs.Count || sweep.Runs[position.Index].Key != position.Key)
        {
            throw new SweepFileException($"line {line.Number} says run {position.Index} is '{position.Key}', which it is not in this sweep");
        }
    }
}
