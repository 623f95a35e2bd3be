namespace SagaFunctions.LocalHost.Discovery;

/// <summary>The bindings the local host can run, named as in functions.metadata.</summary>
public enum BindingKind
{
    HttpTrigger,
    OrchestrationTrigger,
    ActivityTrigger,
    QueueTrigger,
    TimerTrigger,
    DurableClient,
}
