using System.Globalization;
using SagaFunctions.LocalHost.Discovery;

namespace SagaFunctions.LocalHost.Cluster;

/// <summary>One host process of a cluster: its name (<c>http#2</c>) and the functions it runs.</summary>
public sealed record ClusterMember(string Name, FunctionSelection Functions);

/// <summary>
/// How the app is spread over processes: <c>instances:N</c> (N processes, each running every
/// function), <c>flex</c> (as Flex Consumption scales it: the HTTP group and the Durable group on two
/// processes each, every other function on one of its own), or a list of groups separated by
/// <c>;</c>, each a <see cref="FunctionSelection"/> with an optional replica count: <c>http*2;durable*2;queues;timers*2</c>.
/// </summary>
public static class ClusterTopology
{
    public const string Flex = "flex";
    private const string InstancesPrefix = "instances:";

    public static string Instances(int count) =>
        count >= 1 ? InstancesPrefix + count.ToString(CultureInfo.InvariantCulture) : throw new ArgumentException("--instances wants at least 1.");

    public static IReadOnlyList<ClusterMember> Parse(string topology, IReadOnlyList<FunctionDescriptor> functions)
    {
        ArgumentNullException.ThrowIfNull(topology);
        ArgumentNullException.ThrowIfNull(functions);
        var groups = topology switch
        {
            Flex => FlexGroups(functions),
            _ when topology.StartsWith(InstancesPrefix, StringComparison.Ordinal) => [(FunctionSelection.Everything, int.Parse(topology[InstancesPrefix.Length..], CultureInfo.InvariantCulture))],
            _ => [.. topology.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(ParseGroup)],
        };

        var members = new List<ClusterMember>();
        foreach (var (spec, replicas) in groups)
        {
            var selection = FunctionSelection.Parse(spec);
            if (selection.Apply(functions).Count == 0)
            {
                throw new ArgumentException($"--topology: '{spec}' selects no function.");
            }

            for (var replica = 1; replica <= replicas; replica++)
            {
                members.Add(new ClusterMember($"{spec}#{replica}", selection));
            }
        }

        return members.Count > 0 ? members : throw new ArgumentException("--topology names no process.");
    }

    /// <summary>The HTTP and Durable groups twice each (they scale out), every other function once.</summary>
    private static List<(string Spec, int Replicas)> FlexGroups(IReadOnlyList<FunctionDescriptor> functions) =>
        [.. functions.Select(FunctionSelection.ScaleGroupOf).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)
            .Select(group => (group, group is FunctionSelection.Http or FunctionSelection.Durable ? 2 : 1))];

    private static (string Spec, int Replicas) ParseGroup(string group)
    {
        var star = group.LastIndexOf('*');
        return star < 0
            ? (group, 1)
            : int.TryParse(group[(star + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var replicas) && replicas >= 1
                ? (group[..star], replicas)
                : throw new ArgumentException($"--topology: '{group}' wants a replica count of 1 or more after '*'.");
    }
}
