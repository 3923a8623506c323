using Microsoft.AspNetCore.Http;

namespace Gateway.Tests;

/// <summary>The held response body (HeldResponses): what reaches the server's output, and when.</summary>
public sealed class HeldResponsesTests
{
    [Test]
    public async Task SmallWrites_StayUnflushed_UntilTheResponseCompletes()
    {
        var output = new MemoryStream();
        var held = new HeldResponses.HeldBodyStream(new StreamResponseBodyFeature(output));

        await held.WriteAsync(new byte[100]);
        await held.WriteAsync(new byte[200]);
        var beforeCompletion = output.Length;
        await held.CompleteAsync();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(beforeCompletion, Is.Zero, "held bytes reached the output before completion");
            Assert.That(output.ToArray(), Has.Length.EqualTo(300));
        }
    }

    [Test]
    public async Task Writes_AreFlushed_OnceMaxHeldBytesGather()
    {
        var output = new MemoryStream();
        var held = new HeldResponses.HeldBodyStream(new StreamResponseBodyFeature(output));

        await held.WriteAsync(new byte[HeldResponses.MaxHeldBytes - 1]);
        var justBelow = output.Length;
        await held.WriteAsync(new byte[1]);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(justBelow, Is.Zero);
            Assert.That(output.Length, Is.EqualTo(HeldResponses.MaxHeldBytes), "a large body must keep flowing (and feel back-pressure)");
        }
    }

    [Test]
    public async Task AnExplicitFlush_SendsWhatIsHeld()
    {
        var output = new MemoryStream();
        var held = new HeldResponses.HeldBodyStream(new StreamResponseBodyFeature(output));

        await held.WriteAsync("data: one\n\n"u8.ToArray());
        await held.FlushAsync();

        Assert.That(output.ToArray(), Is.EqualTo("data: one\n\n"u8.ToArray()));
    }
}
