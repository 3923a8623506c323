using Portfolio.Domain.Pricing;

namespace Portfolio.Domain.Tests.Pricing;

public sealed class KernelAgreementTests
{
    private const double Tolerance = 1e-10;

    [TestCaseSource(typeof(Kernels), nameof(Kernels.Vectorised))]
    public void Evaluate_TenThousandRandomContractsWithDegenerateOnes_AgreesWithScalarEngine(IGreeksKernel kernel)
    {
        Assume.That(kernel.IsSupported, $"{kernel.Name} is not accelerated on this machine");
        OptionBatch batch = RandomContracts.Batch(count: 10_003, seed: 20261205);

        AssertAgreesWithScalar(kernel, batch);
    }

    [TestCaseSource(typeof(Kernels), nameof(Kernels.Vectorised))]
    public void Evaluate_FewerContractsThanOneVector_AgreesWithScalarEngine(IGreeksKernel kernel)
    {
        Assume.That(kernel.IsSupported, $"{kernel.Name} is not accelerated on this machine");
        OptionBatch batch = RandomContracts.Batch(count: 3, seed: 7);

        AssertAgreesWithScalar(kernel, batch);
    }

    [TestCaseSource(typeof(Kernels), nameof(Kernels.Vectorised))]
    public void Evaluate_ResultsBeyondCount_AreLeftToPaddingOnly(IGreeksKernel kernel)
    {
        Assume.That(kernel.IsSupported, $"{kernel.Name} is not accelerated on this machine");
        OptionBatch batch = RandomContracts.Batch(count: 17, seed: 11);
        var output = new GreeksBatch(17);

        kernel.Evaluate(batch, output);

        Assert.That(output.Price, Has.Length.EqualTo(24).And.All.Matches<double>(double.IsFinite));
    }

    [Test]
    public void Evaluate_OutputSmallerThanInput_Throws()
    {
        OptionBatch batch = RandomContracts.Batch(count: 10, seed: 1);

        Assert.That(() => GreeksKernels.Best.Evaluate(batch, new GreeksBatch(9)), Throws.ArgumentException);
    }

    [Test]
    public void Best_OnThisMachine_IsSupportedAndVectorised()
    {
        Assume.That(new Vector256GreeksKernel().IsSupported, "no vector kernel is accelerated on this machine");

        Assert.That(GreeksKernels.Best, Is.Not.InstanceOf<ScalarGreeksKernel>().And.Property(nameof(IGreeksKernel.IsSupported)).True);
    }

    private static void AssertAgreesWithScalar(IGreeksKernel kernel, OptionBatch batch)
    {
        var expected = new GreeksBatch(batch.Count);
        var actual = new GreeksBatch(batch.Count);
        new ScalarGreeksKernel().Evaluate(batch, expected);

        kernel.Evaluate(batch, actual);

        var disagreements = new List<string>();
        for (int i = 0; i < batch.Count; i++)
        {
            OptionGreeks want = expected[i];
            OptionGreeks got = actual[i];
            double[] differences =
            [
                got.Price - want.Price, got.Delta - want.Delta, got.Gamma - want.Gamma,
                got.Vega - want.Vega, got.Theta - want.Theta, got.Rho - want.Rho,
            ];
            if (!differences.All(difference => Math.Abs(difference) <= Tolerance))
            {
                disagreements.Add($"lane {i}: {batch.Get(i)} scalar {want} {kernel.Name} {got}");
            }
        }

        Assert.That(disagreements, Is.Empty);
    }
}
