namespace SagaFunctions.Azurite;

/// <summary>The three Azurite service ports on loopback, and the connection string for them.</summary>
public sealed record AzuriteEndpoints(int BlobPort, int QueuePort, int TablePort)
{
    /// <summary>Azurite's well-known development account key: public, documented, not a secret.</summary>
    private const string DevelopmentAccountKey =
        "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    /// <summary>The ports Azurite and the Storage SDKs use by default.</summary>
    public static AzuriteEndpoints Default { get; } = new(10000, 10001, 10002);

    public string ConnectionString =>
        "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;" +
        $"AccountKey={DevelopmentAccountKey};" +
        $"BlobEndpoint=http://127.0.0.1:{BlobPort}/devstoreaccount1;" +
        $"QueueEndpoint=http://127.0.0.1:{QueuePort}/devstoreaccount1;" +
        $"TableEndpoint=http://127.0.0.1:{TablePort}/devstoreaccount1;";

    public IEnumerable<int> Ports => [BlobPort, QueuePort, TablePort];

    /// <summary>Three ports that nothing listens on right now, for an Azurite of a test run's own.</summary>
    public static AzuriteEndpoints FreePorts()
    {
        var ports = Enumerable.Range(0, 3).Select(_ => PortProbe.FreePort()).ToArray();
        return new AzuriteEndpoints(ports[0], ports[1], ports[2]);
    }
}
