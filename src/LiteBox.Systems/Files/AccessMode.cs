namespace LiteBox.Systems.Files;

/// <summary>The mode argument of faccessat(2): which permissions to check.</summary>
[Flags]
public enum AccessMode
{
    /// <summary>F_OK: only that the file exists.</summary>
    Exists = 0,

    /// <summary>X_OK.</summary>
    Execute = 1,

    /// <summary>W_OK.</summary>
    Write = 2,

    /// <summary>R_OK.</summary>
    Read = 4,
}
