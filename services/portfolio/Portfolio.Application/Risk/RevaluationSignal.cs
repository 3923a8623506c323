using Platform.SharedKernel;

namespace Portfolio.Application.Risk;

/// <summary>Rung when portfolios were marked for revaluation, so the worker does not wait for its next poll.</summary>
public sealed class RevaluationSignal : Doorbell;
