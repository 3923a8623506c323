using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Portfolio.Domain.Pricing.Simd;

namespace Portfolio.Domain.Pricing;

/// <summary>Eight contracts per instruction with 512-bit vectors (AVX-512).</summary>
public sealed class Vector512GreeksKernel : IGreeksKernel
{
    public string Name => "Vector512";

    public bool IsSupported => Vector512.IsHardwareAccelerated && Avx512F.IsSupported;

    public void Evaluate(OptionBatch input, GreeksBatch output)
    {
        if (!IsSupported)
        {
            throw new PlatformNotSupportedException("512-bit vectors are not accelerated on this machine.");
        }

        VectorGreeks<Lanes512, Vector512<double>>.Evaluate(input, output);
    }
}
