namespace LiteBox.Cpu.Tests.Float;

/// <summary>Operation ids in the vector files, as numbered by guests/float-vectors/genvectors.c.</summary>
public enum VectorOp : byte
{
    Add = 0,
    Sub = 1,
    Mul = 2,
    Div = 3,
    Sqrt = 4,
    MAdd = 5,
    MSub = 6,
    NMSub = 7,
    NMAdd = 8,
    Min = 9,
    Max = 10,
    Eq = 11,
    Lt = 12,
    Le = 13,
    Class = 14,
    CvtW = 15,
    CvtWU = 16,
    CvtL = 17,
    CvtLU = 18,
    FromW = 19,
    FromWU = 20,
    FromL = 21,
    FromLU = 22,

    /// <summary>fcvt.s.d in the binary64 file, fcvt.d.s in the binary32 file.</summary>
    CvtFormat = 23,
}
