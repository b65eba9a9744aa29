namespace LiteBox.Bench.Systems;

/// <summary>Where the repository and its guests are, found from the benchmark's own directory.</summary>
internal static class BenchPaths
{
    public static string Repository
    {
        get
        {
            var directory = new DirectoryInfo(AppContext.BaseDirectory);
            while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "LiteBox.sln")))
            {
                directory = directory.Parent;
            }

            return directory?.FullName ?? throw new DirectoryNotFoundException("LiteBox.sln not found above " + AppContext.BaseDirectory);
        }
    }

    /// <summary>guests/: the root the systems benchmarks give their simulations, so every guest
    /// sees the same paths (/bench/bin/..., /programs/bin/...) wherever the checkout lives.</summary>
    public static string Guests => Path.Combine(Repository, "guests");
}
