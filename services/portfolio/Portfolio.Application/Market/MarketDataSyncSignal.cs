using Platform.SharedKernel;

namespace Portfolio.Application.Market;

/// <summary>Rung when positions change, so a newly held symbol gets its history without waiting for the next periodic pass.</summary>
public sealed class MarketDataSyncSignal : Doorbell;
