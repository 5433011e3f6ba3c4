using System.Collections;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace LingHuo.Domain;

/// <summary>
/// An allocation-free set of small enum values (0..31), for the matter and material sets on the hot pre-check path.
/// Enumerates in ascending value order, so sets print and compare deterministically. <see cref="Add"/> returns a new
/// set; collection expressions (<c>[a, b]</c>) build through <see cref="EnumSet.Create{T}"/>.
/// </summary>
[CollectionBuilder(typeof(EnumSet), nameof(EnumSet.Create))]
public readonly struct EnumSet<T> : IEquatable<EnumSet<T>>, IEnumerable<T>
    where T : unmanaged, Enum
{
    private readonly uint _bits;

    private EnumSet(uint bits) => _bits = bits;

    public static EnumSet<T> Empty => default;

    public bool IsEmpty => _bits == 0;

    public int Count => BitOperations.PopCount(_bits);

    public static EnumSet<T> Of(params ReadOnlySpan<T> values)
    {
        var set = Empty;
        foreach (var value in values)
        {
            set = set.Add(value);
        }

        return set;
    }

    public bool Contains(T value) => (_bits & Bit(value)) != 0;

    public EnumSet<T> Add(T value) => new(_bits | Bit(value));

    public EnumSet<T> Remove(T value) => new(_bits & ~Bit(value));

    public EnumSet<T> Union(EnumSet<T> other) => new(_bits | other._bits);

    public EnumSet<T> Intersect(EnumSet<T> other) => new(_bits & other._bits);

    public EnumSet<T> Except(EnumSet<T> other) => new(_bits & ~other._bits);

    public bool IsSubsetOf(EnumSet<T> other) => (_bits & ~other._bits) == 0;

    public bool Equals(EnumSet<T> other) => _bits == other._bits;

    public override bool Equals(object? obj) => obj is EnumSet<T> other && Equals(other);

    public override int GetHashCode() => (int)_bits;

    public static bool operator ==(EnumSet<T> left, EnumSet<T> right) => left.Equals(right);

    public static bool operator !=(EnumSet<T> left, EnumSet<T> right) => !left.Equals(right);

    public Enumerator GetEnumerator() => new(_bits);

    IEnumerator<T> IEnumerable<T>.GetEnumerator() => GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => "{" + string.Join(", ", (IEnumerable<T>)this) + "}";

    private static uint Bit(T value)
    {
        var index = Unsafe.As<T, int>(ref value);
        return (uint)index < 32 ? 1u << index : throw new ArgumentOutOfRangeException(nameof(value), value, "Set members must be 0..31.");
    }

    public struct Enumerator(uint bits) : IEnumerator<T>
    {
        private uint _remaining = bits;

        public T Current { get; private set; }

        readonly object IEnumerator.Current => Current;

        public bool MoveNext()
        {
            if (_remaining == 0)
            {
                return false;
            }

            var index = BitOperations.TrailingZeroCount(_remaining);
            _remaining &= _remaining - 1;
            Current = Unsafe.As<int, T>(ref index);
            return true;
        }

        public readonly void Reset() => throw new NotSupportedException();

        public readonly void Dispose()
        {
        }
    }
}

public static class EnumSet
{
    public static EnumSet<T> Create<T>(ReadOnlySpan<T> values)
        where T : unmanaged, Enum => EnumSet<T>.Of(values);
}
