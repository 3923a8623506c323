using MassTransit;
using Microsoft.Extensions.Options;

namespace Portfolio.Application.Batch;

/// <summary>The batch queue's concurrency per replica: by default one portfolio per core, the work being CPU-bound.</summary>
public sealed class PortfolioBatchItemConsumerDefinition : ConsumerDefinition<PortfolioBatchItemConsumer>
{
    public PortfolioBatchItemConsumerDefinition(IOptions<BatchOptions> options)
    {
        var limit = options.Value.ConcurrentItems > 0 ? options.Value.ConcurrentItems : Environment.ProcessorCount;
        ConcurrentMessageLimit = limit;
    }
}
