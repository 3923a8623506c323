using Portfolio.Domain.Pricing;

namespace Portfolio.Domain.Tests.Pricing;

internal static class Kernels
{
    public static IEnumerable<TestCaseData> Vectorised() =>
        GreeksKernels.All
            .Where(kernel => kernel is not ScalarGreeksKernel)
            .Select(kernel => new TestCaseData(kernel).SetArgDisplayNames(kernel.Name));
}
