namespace Portfolio.Domain.Pricing.Simd;

/// <summary>
/// The vector operations the kernels use, over doubles of one vector width. The kernels' arithmetic
/// is written once against this; struct implementations make the JIT specialise every kernel per
/// width and inline each call, so the abstraction costs nothing at run time.
/// </summary>
internal interface ILanes<TVector>
    where TVector : struct
{
    static abstract int Width { get; }

    static abstract TVector Create(double value);

    static abstract TVector CreateBits(long bits);

    /// <summary>Loads without a bounds check: callers only pass indices inside the padded batch arrays.</summary>
    static abstract TVector Load(double[] source, int index);

    static abstract void Store(TVector value, double[] destination, int index);

    static abstract TVector Add(TVector left, TVector right);

    static abstract TVector Subtract(TVector left, TVector right);

    static abstract TVector Multiply(TVector left, TVector right);

    static abstract TVector Divide(TVector left, TVector right);

    /// <summary>left × right + addend, rounded once.</summary>
    static abstract TVector MultiplyAdd(TVector left, TVector right, TVector addend);

    static abstract TVector Sqrt(TVector value);

    /// <summary>The hardware minimum (no IEEE treatment of NaN and −0, which the kernels never rely on).</summary>
    static abstract TVector Min(TVector left, TVector right);

    /// <summary>The hardware maximum, like <see cref="Min"/>.</summary>
    static abstract TVector Max(TVector left, TVector right);

    static abstract TVector Abs(TVector value);

    static abstract TVector LessThan(TVector left, TVector right);

    static abstract TVector GreaterThan(TVector left, TVector right);

    static abstract TVector EqualTo(TVector left, TVector right);

    static abstract TVector Select(TVector mask, TVector whenTrue, TVector whenFalse);

    static abstract TVector And(TVector left, TVector right);

    static abstract TVector Or(TVector left, TVector right);

    /// <summary>Adds the IEEE bit patterns as 64-bit integers.</summary>
    static abstract TVector AddBits(TVector left, TVector right);

    static abstract TVector ShiftLeftBits(TVector value, int count);

    static abstract TVector ShiftRightBits(TVector value, int count);
}
