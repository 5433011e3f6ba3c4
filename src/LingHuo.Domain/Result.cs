using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;

namespace LingHuo.Domain;

/// <summary>
/// A value, or every reason it could not be had (一次告知: all at once, never one by one).
/// </summary>
public readonly struct Result<T>
{
    private readonly T? _value;

    private Result(T? value, ImmutableArray<Refusal> refusals)
    {
        _value = value;
        Refusals = refusals.IsDefault ? [] : refusals;
    }

    public ImmutableArray<Refusal> Refusals { get; }

    [MemberNotNullWhen(true, nameof(Value))]
    public bool IsOk => Refusals.IsDefaultOrEmpty;

    /// <summary>The value; reading it from a refusal is a programming error.</summary>
    public T? Value => IsOk ? _value : throw new InvalidOperationException($"No value: {Refusals[0]}");

    public static Result<T> Ok(T value) => new(value, []);

    public static Result<T> Refused(ImmutableArray<Refusal> refusals)
    {
        if (refusals.IsDefaultOrEmpty)
        {
            throw new ArgumentException("A refusal needs at least one reason.", nameof(refusals));
        }

        return new(default, refusals);
    }

    public static Result<T> Refused(Refusal refusal) => new(default, [refusal]);

    public static implicit operator Result<T>(T value) => Ok(value);

    public static implicit operator Result<T>(Refusal refusal) => Refused(refusal);

    public bool TryGetValue([NotNullWhen(true)] out T? value)
    {
        value = IsOk ? _value : default;
        return IsOk;
    }
}
