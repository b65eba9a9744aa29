using BenchmarkDotNet.Running;

namespace LiteBox.Bench;

/// <summary>Entry point: BenchmarkDotNet's switcher, so <c>--filter '*Ecs*'</c> and the other
/// standard options work.</summary>
public static class Program
{
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
