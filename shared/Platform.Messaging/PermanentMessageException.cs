namespace Platform.Messaging;

/// <summary>
/// A message that can never be applied (bad content, a broken rule). It is not retried: it goes
/// straight to the queue's <c>_error</c> queue, where an admin can inspect and replay it.
/// </summary>
public sealed class PermanentMessageException(string message, Exception? inner = null) : Exception(message, inner);
