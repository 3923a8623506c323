using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Portfolio.Domain.Pricing.Simd;

namespace Portfolio.Domain.Pricing;

/// <summary>Four contracts per instruction with 256-bit vectors (AVX2 and FMA on x64).</summary>
public sealed class Vector256GreeksKernel : IGreeksKernel
{
    public string Name => "Vector256";

    public bool IsSupported => Vector256.IsHardwareAccelerated && Fma.IsSupported;

    public void Evaluate(OptionBatch input, GreeksBatch output) =>
        VectorGreeks<Lanes256, Vector256<double>>.Evaluate(this, input, output);
}
