namespace SagaFunctions.EventStore.Tests.TestDomain;

/// <summary>Turns generated integers into account events, so property tests get varied streams.</summary>
public static class EventCodes
{
    public static object ToEvent(int code)
    {
        var value = Math.Abs(code % 1000);
        return (value % 3) switch
        {
            0 => new Deposited(value),
            1 => new Withdrawn(value / 2),
            _ => new Renamed("n" + value),
        };
    }
}
