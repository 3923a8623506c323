namespace Platform.Jobs;

/// <summary>One item a job could not process (a ticker, a portfolio, a page) and why; the job goes on with the others.</summary>
public sealed record JobItemError(string ItemKey, string Message);
