using Platform.SharedKernel;

namespace Platform.Jobs;

/// <summary>Rung when a job may be waiting (a NOTIFY arrived, a run ended and freed a slot); the worker polls anyway.</summary>
internal sealed class JobSignal : Doorbell;
