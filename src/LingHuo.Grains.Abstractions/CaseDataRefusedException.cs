namespace LingHuo.Grains.Abstractions;

/// <summary>
/// The store refused the data itself (a data exception or a constraint violation, SQLSTATE class 22 or 23): not an
/// outage, so a retry fails the same way. Nothing was applied. Reaching it means some input escaped validation.
/// </summary>
[GenerateSerializer, Alias("linghuo.CaseDataRefusedException")]
public sealed class CaseDataRefusedException : Exception
{
    public CaseDataRefusedException()
    {
    }

    public CaseDataRefusedException(string message)
        : base(message)
    {
    }

    public CaseDataRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The SQLSTATE of the refusal among <paramref name="exception"/> and its inner exceptions, if the store refused data.</summary>
    public static string? RefusedDataState(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is System.Data.Common.DbException { SqlState: { Length: 5 } state } && (state.StartsWith("22", StringComparison.Ordinal) || state.StartsWith("23", StringComparison.Ordinal)))
            {
                return state;
            }

            if (e is AggregateException aggregate)
            {
                return aggregate.InnerExceptions.Select(RefusedDataState).FirstOrDefault(s => s is not null);
            }
        }

        return null;
    }
}
