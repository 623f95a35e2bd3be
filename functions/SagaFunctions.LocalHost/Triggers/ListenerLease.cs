using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Specialized;

namespace SagaFunctions.LocalHost.Triggers;

/// <summary>
/// The lease that lets one host process of many run a timer trigger, as the Functions host does
/// (<c>[Singleton(Mode = Listener)]</c> on its timer listener): a blob lease on
/// <c>azure-webjobs-hosts/locks/{hostId}/{function}.Listener</c>, renewed at half its period while
/// held. A process that does not hold it tries again every retry interval, so when the holder dies,
/// another takes over within a lease period and a retry interval.
/// </summary>
public sealed class ListenerLease
{
    public const string Container = "azure-webjobs-hosts";

    private readonly BlobClient _blob;
    private readonly BlobLeaseClient _lease;

    public ListenerLease(string connectionString, string hostId, string function, TimeSpan period)
    {
        Period = period;
        _blob = new BlobContainerClient(connectionString, Container).GetBlobClient($"locks/{hostId}/{function}.Listener");
        _lease = _blob.GetBlobLeaseClient();
    }

    public TimeSpan Period { get; }

    /// <summary>True when this process now holds the lease.</summary>
    public async Task<bool> TryAcquireAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _lease.AcquireAsync(Period, cancellationToken: cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            await _blob.GetParentBlobContainerClient().CreateIfNotExistsAsync(cancellationToken: cancellationToken);
            try
            {
                await _blob.UploadAsync(BinaryData.Empty, overwrite: false, cancellationToken);
            }
            catch (RequestFailedException created) when (created.Status is 409 or 412)
            {
                // Another process created it first.
            }

            return await TryAcquireAsync(cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return false; // held by another process
        }
    }

    /// <summary>False when the lease was lost (it ran out, or another process holds it now).</summary>
    public async Task<bool> RenewAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _lease.RenewAsync(cancellationToken: cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            return false;
        }
    }

    public async Task ReleaseAsync()
    {
        try
        {
            await _lease.ReleaseAsync();
        }
        catch (RequestFailedException)
        {
            // Not held any more: nothing to give back.
        }
    }
}
