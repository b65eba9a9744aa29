using LiteBox.Core.Descriptors;

namespace LiteBox.Systems.Files;

/// <summary>What a successful open gives the descriptor layer.</summary>
/// <param name="Target">The open file: kind <see cref="DescriptorKind.File"/> (regular files,
/// directories, O_PATH handles) or <see cref="DescriptorKind.Device"/> (/dev/*), and its handle.</param>
/// <param name="Status">The open file's status flags (access mode, O_APPEND, O_NONBLOCK).</param>
public readonly record struct OpenedFile(DescriptorObject Target, OpenFileStatus Status);
