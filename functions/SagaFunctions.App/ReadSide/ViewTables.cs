using System.Collections.Concurrent;
using System.Globalization;
using Azure.Data.Tables;
using SagaFunctions.App.Platform.Storage;

namespace SagaFunctions.App.ReadSide;

/// <summary>
/// The views tables of each generation: generation 1 is the plain name (<c>OrderViews</c>), a
/// rebuild writes <c>OrderViewsG2</c>, <c>OrderViewsG3</c>… Creates each table once per process.
/// </summary>
public sealed class ViewTables(SagaStorage storage)
{
    private readonly ConcurrentDictionary<string, Lazy<Task<TableClient>>> _tables = new(StringComparer.Ordinal);

    public static string NameOf(string viewTable, int generation) =>
        generation <= 1 ? viewTable : viewTable + "G" + generation.ToString(CultureInfo.InvariantCulture);

    public Task<TableClient> GetAsync(string viewTable, int generation) =>
        _tables.GetOrAdd(NameOf(viewTable, generation), name => new Lazy<Task<TableClient>>(async () =>
        {
            var table = storage.Table(name);
            await table.CreateIfNotExistsAsync();
            return table;
        })).Value;
}
