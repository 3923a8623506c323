using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Portfolio.Domain.Pricing.Simd;

namespace Portfolio.Domain.Pricing;

/// <summary>Eight contracts per instruction with 512-bit vectors (AVX-512).</summary>
public sealed class Vector512GreeksKernel : IGreeksKernel
{
    public string Name => "Vector512";

    public bool IsSupported => Vector512.IsHardwareAccelerated && Avx512F.IsSupported;

    public void Evaluate(OptionBatch input, GreeksBatch output) =>
        VectorGreeks<Lanes512, Vector512<double>>.Evaluate(this, input, output);
}
