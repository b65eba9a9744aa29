using System.Globalization;

namespace LiteBox.Cli.Sweeps;

/// <summary>
/// <c>--shard auto</c>: the shard a batch system's job array gives this process. LITEBOX_SHARD_INDEX
/// is asked first (for any other scheduler), then Slurm's SLURM_ARRAY_TASK_ID, then a Kubernetes
/// Indexed Job's JOB_COMPLETION_INDEX. The count comes from <c>--shard-count</c> or
/// LITEBOX_SHARD_COUNT, else (Slurm only) from SLURM_ARRAY_TASK_COUNT: Kubernetes sets no variable
/// with its completions.
/// </summary>
public static class ShardEnvironment
{
    /// <summary>The variable naming a shard for schedulers litebox does not know.</summary>
    public const string IndexVariable = "LITEBOX_SHARD_INDEX";

    /// <summary>The variable giving the shard count where the scheduler's variables do not.</summary>
    public const string CountVariable = "LITEBOX_SHARD_COUNT";

    /// <summary>Finds this process's shard in its environment.</summary>
    /// <param name="environment">Reads a variable (null when it is not set): <see cref="Environment.GetEnvironmentVariable(string)"/> but in tests.</param>
    /// <param name="count">The count <c>--shard-count</c> gave, if it did.</param>
    /// <param name="shard">The shard.</param>
    /// <param name="source">On success, which variables gave it, for the sweep's first line; else what is wrong.</param>
    public static bool TryResolve(Func<string, string?> environment, int? count, out Shard shard, out string source)
    {
        ArgumentNullException.ThrowIfNull(environment);
        shard = default;
        if (count is null && !TryNumber(environment, CountVariable, out count, out source))
        {
            return false;
        }

        int index;
        string from;
        if (environment(IndexVariable) is not null)
        {
            if (!TryNumber(environment, IndexVariable, out int? litebox, out source))
            {
                return false;
            }

            index = litebox!.Value;
            from = IndexVariable;
        }
        else if (environment("SLURM_ARRAY_TASK_ID") is not null)
        {
            if (!TrySlurm(environment, ref count, out index, out source))
            {
                return false;
            }

            from = "SLURM_ARRAY_TASK_ID";
        }
        else if (environment("JOB_COMPLETION_INDEX") is not null)
        {
            if (!TryNumber(environment, "JOB_COMPLETION_INDEX", out int? completion, out source))
            {
                return false;
            }

            index = completion!.Value;
            from = "JOB_COMPLETION_INDEX";
        }
        else
        {
            source = $"--shard auto found no shard: none of SLURM_ARRAY_TASK_ID, JOB_COMPLETION_INDEX or {IndexVariable} is set";
            return false;
        }

        if (count is null)
        {
            source = $"{from} is set but the shard count is not: give --shard-count N or set {CountVariable}";
            return false;
        }

        if (count < 1)
        {
            source = $"the shard count must be at least 1, not {count}";
            return false;
        }

        if (index >= count)
        {
            source = string.Create(CultureInfo.InvariantCulture, $"{from} gives shard {index}, which is not one of 0 to {count - 1} ({count} shards)");
            return false;
        }

        shard = new Shard(index, count.Value);
        source = from;
        return true;
    }

    /// <summary>A Slurm array task's place in its array, from 0: arrays need not start at 0
    /// (<c>--array=1-4</c>) and may step (<c>--array=0-15:4</c>), but must have no gaps beyond the step.</summary>
    private static bool TrySlurm(Func<string, string?> environment, ref int? count, out int index, out string error)
    {
        index = 0;
        if (!TryNumber(environment, "SLURM_ARRAY_TASK_ID", out int? id, out error)
            || !TryNumber(environment, "SLURM_ARRAY_TASK_MIN", out int? minimum, out error)
            || !TryNumber(environment, "SLURM_ARRAY_TASK_STEP", out int? step, out error)
            || !TryNumber(environment, "SLURM_ARRAY_TASK_COUNT", out int? tasks, out error))
        {
            return false;
        }

        if (minimum is null)
        {
            error = "SLURM_ARRAY_TASK_ID is set but SLURM_ARRAY_TASK_MIN is not";
            return false;
        }

        if (count is not null && tasks is not null && count != tasks)
        {
            error = $"the shard count {count} disagrees with SLURM_ARRAY_TASK_COUNT={tasks}";
            return false;
        }

        count ??= tasks;
        int offset = id!.Value - minimum.Value;
        int stride = step is null or 0 ? 1 : step.Value;
        if (offset < 0 || offset % stride != 0)
        {
            error = $"SLURM_ARRAY_TASK_ID={id} is not in the array from SLURM_ARRAY_TASK_MIN={minimum} in steps of {stride}: use a contiguous array such as --array=0-3";
            return false;
        }

        index = offset / stride;
        return true;
    }

    private static bool TryNumber(Func<string, string?> environment, string name, out int? value, out string error)
    {
        value = null;
        error = "";
        string? text = environment(name);
        if (text is null)
        {
            return true;
        }

        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int number))
        {
            error = $"{name}='{text}' is not a whole number";
            return false;
        }

        value = number;
        return true;
    }
}
