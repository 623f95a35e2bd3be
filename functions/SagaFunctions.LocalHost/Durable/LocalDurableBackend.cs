using DurableTask.AzureStorage;
using DurableTask.Core;
using Grpc.Net.Client;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing.Sidecar.Grpc;
using Microsoft.DurableTask.Worker;
using Microsoft.DurableTask.Worker.Grpc.Internal;
using SagaFunctions.LocalHost.Configuration;
using SagaFunctions.LocalHost.Discovery;
using SagaFunctions.LocalHost.Invocation;

namespace SagaFunctions.LocalHost.Durable;

/// <summary>
/// The durable backend Durable Functions uses in Azure (DTFx AzureStorage: the same tables,
/// queues and blobs), served to a DurableTask worker and client through the gRPC sidecar.
/// </summary>
public static class LocalDurableBackend
{
    public static AzureStorageOrchestrationService CreateOrchestrationService(string storageConnection, HostJsonSettings host, ILoggerFactory loggerFactory) =>
        new(new AzureStorageOrchestrationServiceSettings
        {
            LoggerFactory = loggerFactory,
            StorageAccountClientProvider = new StorageAccountClientProvider(storageConnection),
            TaskHubName = host.HubName,
            PartitionCount = host.Durable.PartitionCount,
            MaxQueuePollingInterval = host.Durable.MaxQueuePollingInterval,
            ControlQueueBatchSize = host.Durable.ControlQueueBatchSize,
            ControlQueueBufferThreshold = host.Durable.ControlQueueBufferThreshold,
            MaxConcurrentTaskActivityWorkItems = host.Durable.MaxConcurrentActivityFunctions,
            MaxConcurrentTaskOrchestrationWorkItems = host.Durable.MaxConcurrentOrchestratorFunctions,
            ExtendedSessionsEnabled = host.Durable.ExtendedSessionsEnabled,
            ExtendedSessionIdleTimeout = host.Durable.ExtendedSessionIdleTimeout,
            FetchLargeMessageDataEnabled = host.Durable.FetchLargeMessagesAutomatically,
            WorkItemQueueVisibilityTimeout = host.Durable.WorkItemQueueVisibilityTimeout,
            ControlQueueVisibilityTimeout = host.Durable.ControlQueueVisibilityTimeout,
            // As the Durable Functions extension sets it: a start refused by its dedupe statuses is an
            // error the client sees (AlreadyExists), not a silent no-op.
            ThrowExceptionOnInvalidDedupeStatus = true,
        });

    public static void AddLocalDurableBackend(
        this IServiceCollection services,
        string storageConnection,
        HostJsonSettings host,
        int sidecarPort,
        IReadOnlyList<FunctionInvoker> invokers,
        ServiceProviderHolder holder)
    {
        services.AddSingleton(sp => CreateOrchestrationService(storageConnection, host, sp.GetRequiredService<ILoggerFactory>()));
        // The sidecar's dispatchers get the backend behind a guard against a bug of theirs, with the
        // extended sessions their dispatcher does not keep, and stopped only once started.
        services.AddSingleton<IOrchestrationService>(sp =>
        {
            IOrchestrationService backend = sp.GetRequiredService<AzureStorageOrchestrationService>();
            if (host.Durable.ExtendedSessionsEnabled)
            {
                backend = ActivatorUtilities.CreateInstance<ExtendedSessions>(sp, backend);
            }

            return new StopAfterStart(ActivatorUtilities.CreateInstance<DuplicateActivityGuard>(sp, backend));
        });
        services.AddSingleton<IOrchestrationServiceClient>(sp => sp.GetRequiredService<AzureStorageOrchestrationService>());
        // A process that runs no orchestrator or activity (an HTTP or queue-trigger group) serves the
        // client API only: it never takes orchestration or activity work items.
        var runsDurable = invokers.Any(i => i.Function.Trigger.Kind is BindingKind.OrchestrationTrigger or BindingKind.ActivityTrigger);
        services.Configure<TaskHubGrpcServerOptions>(o => o.Mode = runsDurable ? TaskHubGrpcServerMode.ApiServerAndDispatcher : TaskHubGrpcServerMode.ApiServerOnly);
        services.AddSingleton<TaskHubGrpcServer>();
        services.AddGrpc();

        var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{sidecarPort}");
        services.AddSingleton(new SidecarChannel(channel));
        services.AddDurableTaskClient(builder => builder.UseGrpc(channel));
        if (!runsDurable)
        {
            return;
        }

        services.AddDurableTaskWorker(builder =>
        {
            builder.AddTasks(registry =>
            {
                foreach (var invoker in invokers)
                {
                    switch (invoker.Function.Trigger.Kind)
                    {
                        case BindingKind.OrchestrationTrigger:
                            registry.AddOrchestrator(invoker.Function.Name, () => new MethodOrchestrator(invoker, holder));
                            break;
                        case BindingKind.ActivityTrigger:
                            registry.AddActivity(invoker.Function.Name, sp => new MethodActivity(invoker, sp));
                            break;
                    }
                }
            });
            builder.Configure(o =>
            {
                o.Concurrency.MaximumConcurrentActivityWorkItems = host.Durable.MaxConcurrentActivityFunctions;
                o.Concurrency.MaximumConcurrentOrchestrationWorkItems = host.Durable.MaxConcurrentOrchestratorFunctions;
            });
            builder.UseGrpc(o =>
            {
                o.Channel = channel;
                // The worker reconnects when its work-item stream is silent for 2 minutes, counting on
                // health pings the preview sidecar never sends. A reconnect can strand a work item written
                // to the closing stream, and with it the instance, for good: the sidecar waits for an answer
                // with no timeout. A loopback channel to this process does not go half-open; no reconnects.
                o.SetSilentDisconnectTimeout(TimeSpan.Zero);
            });
        });
    }
}

/// <summary>The gRPC channel to the sidecar, owned by the host so it is disposed with it.</summary>
public sealed record SidecarChannel(GrpcChannel Channel) : IDisposable
{
    public void Dispose() => Channel.Dispose();
}
