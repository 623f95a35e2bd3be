namespace SagaFunctions.Choreography.Tests.Hosting;

/// <summary>Bounded waits for things the system reaches eventually (never assertions on time).</summary>
public static class Eventually
{
    public static async Task<T> ValueAsync<T>(Func<Task<T>> read, Func<T, bool> done, string because, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(90));
        while (true)
        {
            var value = await read();
            if (done(value))
            {
                return value;
            }

            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Timed out waiting until {because}; last value: {value}");
            }

            await Task.Delay(100);
        }
    }
}
