namespace SagaFunctions.LocalHost.Discovery;

/// <summary>
/// Which of the app's functions one host process runs, named the way Flex Consumption groups them
/// for scaling: <c>http</c> (every HTTP trigger: they scale together), <c>durable</c> (orchestrators
/// and activities: they scale together), and any other function by its name (each scales on its
/// own); <c>queues</c> and <c>timers</c> name every queue or timer trigger, <c>all</c> everything.
/// Items are comma-separated: <c>--functions ProjectStream,DispatchOrderEvent</c>.
/// </summary>
public sealed class FunctionSelection
{
    public const string Http = "http";
    public const string Durable = "durable";
    public const string Queues = "queues";
    public const string Timers = "timers";
    public const string Everything = "all";

    private static readonly string[] Groups = [Http, Durable, Queues, Timers, Everything];

    private readonly string[] _items;

    private FunctionSelection(string[] items) => _items = items;

    public static FunctionSelection All { get; } = new([Everything]);

    /// <summary>The selection as written on the command line.</summary>
    public string Spec => string.Join(',', _items);

    public bool IsAll => _items.Contains(Everything, StringComparer.OrdinalIgnoreCase);

    public static FunctionSelection Parse(string spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var items = spec.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        return items.Length == 0 ? throw new ArgumentException("--functions names no group or function.") : new FunctionSelection(items);
    }

    /// <summary>The functions of <paramref name="functions"/> selected; an item that names nothing is an error.</summary>
    public IReadOnlyList<FunctionDescriptor> Apply(IReadOnlyList<FunctionDescriptor> functions)
    {
        ArgumentNullException.ThrowIfNull(functions);
        var unknown = _items.FirstOrDefault(item => !Groups.Contains(item, StringComparer.OrdinalIgnoreCase)
            && !functions.Any(f => string.Equals(f.Name, item, StringComparison.OrdinalIgnoreCase)));
        if (unknown is not null)
        {
            throw new ArgumentException(
                $"--functions: '{unknown}' is neither a group ({string.Join(", ", Groups)}) nor a function ({string.Join(", ", functions.Select(f => f.Name).Order(StringComparer.Ordinal))}).");
        }

        return [.. functions.Where(f => _items.Any(item => Selects(item, f)))];
    }

    /// <summary>The group a function scales with on Flex Consumption: http, durable, or its own name.</summary>
    public static string ScaleGroupOf(FunctionDescriptor function)
    {
        ArgumentNullException.ThrowIfNull(function);
        return function.Trigger.Kind switch
        {
            BindingKind.HttpTrigger => Http,
            BindingKind.OrchestrationTrigger or BindingKind.ActivityTrigger => Durable,
            _ => function.Name,
        };
    }

    private static bool Selects(string item, FunctionDescriptor function) =>
        item.ToLowerInvariant() switch
        {
            Everything => true,
            Queues => function.Trigger.Kind is BindingKind.QueueTrigger,
            Timers => function.Trigger.Kind is BindingKind.TimerTrigger,
            Http or Durable => string.Equals(ScaleGroupOf(function), item, StringComparison.OrdinalIgnoreCase),
            _ => string.Equals(function.Name, item, StringComparison.OrdinalIgnoreCase),
        };
}
