using System.Buffers;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;

namespace Gateway;

/// <summary>
/// Writes the access log to standard output itself, as the console logger's JSON lines would read,
/// but a drained batch at a time. Through the console logger every line crossed a second queue (a
/// lock and a wake-up per line) and its own write and flush: about a fifth of the gateway's CPU under
/// load. Only <see cref="AccessLogWriter"/>'s one thread logs here, and it calls <see cref="Flush"/>
/// whenever its queue is empty. Each write holds whole lines and at most <see cref="MaxWriteBytes"/>
/// (PIPE_BUF), so on a container's stdout pipe no other logger's line can land inside one.
/// </summary>
public sealed class AccessLogConsole(Stream output) : ILoggerProvider
{
    public const int MaxWriteBytes = 4096;

    /// <summary>The one category written here (the access log's); every other logger is a no-op.</summary>
    public const string Category = "Gateway.AccessLog";

    private readonly Lock _gate = new();
    private readonly ArrayBufferWriter<byte> _pending = new(MaxWriteBytes);
    private readonly ArrayBufferWriter<byte> _line = new(1024);
    private Utf8JsonWriter? _json;

    public ILogger CreateLogger(string categoryName) =>
        categoryName == Category ? new Logger(this, categoryName) : NullLogger.Instance;

    /// <summary>Writes what is pending; the lines stay in order.</summary>
    public void Flush()
    {
        lock (_gate)
        {
            WritePending();
        }
    }

    public void Dispose() => Flush();

    private void Append<TState>(string category, LogLevel level, EventId eventId, TState state, Func<TState, Exception?, string> formatter)
    {
        lock (_gate)
        {
            _line.ResetWrittenCount();
            var json = _json ??= new Utf8JsonWriter(_line);
            json.Reset(_line);
            json.WriteStartObject();
            json.WriteString("Timestamp", DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ss.fffZ"));
            json.WriteNumber("EventId", eventId.Id);
            json.WriteString("LogLevel", level.ToString());
            json.WriteString("Category", category);
            json.WriteString("Message", formatter(state, null));
            if (state is IReadOnlyList<KeyValuePair<string, object?>> values)
            {
                json.WriteStartObject("State");
                foreach (var (name, value) in values)
                {
                    WriteValue(json, name, value);
                }

                json.WriteEndObject();
            }

            json.WriteEndObject();
            json.Flush();
            _line.Write("\n"u8);

            if (_pending.WrittenCount + _line.WrittenCount > MaxWriteBytes)
            {
                WritePending();
            }

            _pending.Write(_line.WrittenSpan);
            if (_pending.WrittenCount >= MaxWriteBytes)
            {
                // A single line over the limit goes out alone.
                WritePending();
            }
        }
    }

    private void WritePending()
    {
        if (_pending.WrittenCount == 0)
        {
            return;
        }

        output.Write(_pending.WrittenSpan);
        output.Flush();
        _pending.ResetWrittenCount();
    }

    private static void WriteValue(Utf8JsonWriter json, string name, object? value)
    {
        switch (value)
        {
            case null:
                json.WriteNull(name);
                break;
            case int number:
                json.WriteNumber(name, number);
                break;
            case long number:
                json.WriteNumber(name, number);
                break;
            case double number when double.IsFinite(number):
                json.WriteNumber(name, number);
                break;
            default:
                json.WriteString(name, Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture));
                break;
        }
    }

    private sealed class Logger(AccessLogConsole sink, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                sink.Append(category, logLevel, eventId, state, formatter);
            }
        }
    }
}
