using SagaFunctions.LocalHost.Cluster;
using SagaFunctions.LocalHost.Discovery;

namespace SagaFunctions.LocalHost;

/// <summary>How to run the app locally; the defaults are what <c>dotnet run</c> gives.</summary>
public sealed class LocalHostOptions
{
    /// <summary>The HTTP port of the API, 7071 like Core Tools; 0 picks a free one.</summary>
    public int Port { get; set; } = 7071;

    /// <summary>The loopback port of the durable sidecar (gRPC); 0 picks a free one.</summary>
    public int SidecarPort { get; set; }

    /// <summary>The classes whose [Function] methods are run: the app's, plus any a test adds.</summary>
    public IList<Type> FunctionTypes { get; } = typeof(SagaFunctions.App.AppServices).Assembly.GetExportedTypes().ToList();

    /// <summary>Overrides host.json's task hub name (tests give each class its own hub).</summary>
    public string? TaskHubName { get; set; }

    /// <summary>Settings that override local.settings.json and environment variables (tests use this).</summary>
    public IDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Extra service registrations after the app's own (tests add fault injection here).</summary>
    public Action<IServiceCollection>? ConfigureServices { get; set; }

    /// <summary>host.json to read; default: the one copied next to the app.</summary>
    public string HostJsonPath { get; set; } = Path.Combine(AppContext.BaseDirectory, "host.json");

    /// <summary>Where an Azurite this host starts keeps its data.</summary>
    public string? AzuriteDataFolder { get; set; }

    /// <summary>Print the banner with the URL and the functions (the command line wants it, tests do not).</summary>
    public bool PrintBanner { get; set; }

    /// <summary>Which functions this process runs (<c>--functions</c>); all by default.</summary>
    public FunctionSelection Functions { get; set; } = FunctionSelection.All;

    /// <summary>
    /// Run the app as several processes on one storage instead (<c>--instances N</c>, <c>--topology …</c>):
    /// the processes, each a selection of functions. Null: this process is the host.
    /// </summary>
    public string? Topology { get; set; }

    /// <summary>
    /// Started by a cluster (<c>--child</c>): this host stops when its standard input closes, which is
    /// how the cluster stops it, and happens by itself when the cluster's process ends.
    /// </summary>
    public bool StopWhenInputCloses { get; set; }

    /// <summary>The arguments a process of a cluster passes on to each of its hosts (hub, host.json, extra types).</summary>
    public IList<string> ForwardedArguments { get; } = [];

    public static LocalHostOptions FromCommandLine(string[] args)
    {
        var options = new LocalHostOptions { PrintBanner = true };
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--port" when i + 1 < args.Length:
                    options.Port = int.Parse(args[++i], System.Globalization.CultureInfo.InvariantCulture);
                    break;
                case "--task-hub" when i + 1 < args.Length:
                    options.TaskHubName = args[++i];
                    options.Forward(args, i);
                    break;
                case "--host-json" when i + 1 < args.Length:
                    options.HostJsonPath = args[++i];
                    options.Forward(args, i);
                    break;
                case "--functions-type" when i + 1 < args.Length:
                    options.FunctionTypes.Add(LoadType(args[++i]));
                    options.Forward(args, i);
                    break;
                case "--configure-services" when i + 1 < args.Length:
                    options.ConfigureServices += ServicesConfigurator(LoadType(args[++i]));
                    options.Forward(args, i);
                    break;
                case "--no-app-functions":
                    // Only the --functions-type classes (benchmark baselines: the backend with no app work).
                    options.FunctionTypes.Clear();
                    options.ForwardedArguments.Add(args[i]);
                    break;
                case "--functions" when i + 1 < args.Length:
                    options.Functions = FunctionSelection.Parse(args[++i]);
                    break;
                case "--instances" when i + 1 < args.Length:
                    options.Topology = ClusterTopology.Instances(int.Parse(args[++i], System.Globalization.CultureInfo.InvariantCulture));
                    break;
                case "--topology" when i + 1 < args.Length:
                    options.Topology = args[++i];
                    break;
                case "--child":
                    options.StopWhenInputCloses = true;
                    options.PrintBanner = false;
                    break;
                case "--sidecar-port" when i + 1 < args.Length:
                    options.SidecarPort = int.Parse(args[++i], System.Globalization.CultureInfo.InvariantCulture);
                    break;
                default:
                    throw new ArgumentException(
                        $"Unknown argument '{args[i]}'. Usage: [--port 7071] [--sidecar-port N] [--task-hub NAME] [--host-json PATH] [--no-app-functions] [--functions-type \"Type, Assembly\"] [--configure-services \"Type, Assembly\"] " +
                        "[--functions http|durable|queues|timers|Name,…] [--instances N | --topology flex|\"group[*n];…\"] [--child]");
            }
        }

        return options;
    }

    /// <summary>Remembers an option and its value (at <paramref name="valueIndex"/>) for the hosts of a cluster.</summary>
    private void Forward(string[] args, int valueIndex)
    {
        ForwardedArguments.Add(args[valueIndex - 1]);
        ForwardedArguments.Add(args[valueIndex]);
    }

    /// <summary>
    /// The static <c>ConfigureServices(IServiceCollection)</c> of <paramref name="type"/>: registrations a
    /// test adds to a host process it runs (a fault injector that ends the process at a chosen point).
    /// </summary>
    private static Action<IServiceCollection> ServicesConfigurator(Type type)
    {
        var method = type.GetMethod("ConfigureServices", [typeof(IServiceCollection)])
            ?? throw new ArgumentException($"--configure-services wants a type with a public static ConfigureServices(IServiceCollection); {type} has none.");
        return services => method.Invoke(null, [services]);
    }

    /// <summary>
    /// An extra class of functions from an assembly next to this host (tests use it to run their
    /// probe functions in a host process they can kill).
    /// </summary>
    private static Type LoadType(string assemblyQualifiedName)
    {
        var parts = assemblyQualifiedName.Split(',', 2, StringSplitOptions.TrimEntries);
        if (parts.Length != 2)
        {
            throw new ArgumentException($"--functions-type wants \"Namespace.Type, AssemblyName\", not '{assemblyQualifiedName}'.");
        }

        var assembly = System.Reflection.Assembly.LoadFrom(Path.Combine(AppContext.BaseDirectory, parts[1] + ".dll"));
        return assembly.GetType(parts[0], throwOnError: true)!;
    }
}
