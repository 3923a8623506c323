namespace Loans.Application.Documents;

/// <summary>What an intake step produced, or why it refused the upload (see <see cref="UploadRefusal"/> for why not a Result).</summary>
public sealed class UploadOutcome<T>
{
    private readonly T? _value;

    private UploadOutcome(T? value, UploadRefusal? refusal)
    {
        _value = value;
        Refusal = refusal;
    }

    public UploadRefusal? Refusal { get; }

    public bool IsAccepted => Refusal is null;

    public T Value => IsAccepted
        ? _value!
        : throw new InvalidOperationException($"No value: the upload was refused with {Refusal!.Code}.");

    public static UploadOutcome<T> Accepted(T value) => new(value, null);

    public static UploadOutcome<T> Refused(UploadRefusal refusal) => new(default, refusal);

    public static implicit operator UploadOutcome<T>(T value) => Accepted(value);

    public static implicit operator UploadOutcome<T>(UploadRefusal refusal) => Refused(refusal);
}
