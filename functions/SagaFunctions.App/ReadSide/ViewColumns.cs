using System.Globalization;
using Azure.Data.Tables;

namespace SagaFunctions.App.ReadSide;

/// <summary>
/// Column names shared by every view row, and the typed accessors for them. Decimals are stored as
/// invariant strings: Table Storage has no decimal type, and a double would round money.
/// </summary>
public static class ViewColumns
{
    /// <summary>The checkpoint: the last version of the source stream this row has applied.</summary>
    public const string Version = "Version";

    /// <summary>When the last applied event was appended (for lag).</summary>
    public const string LastEventAt = "LastEventAt";

    /// <summary>When the projection last wrote the row.</summary>
    public const string UpdatedAt = "UpdatedAt";

    public static long VersionOf(TableEntity row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return row.GetInt64(Version) ?? 0;
    }

    public static decimal GetDecimal(TableEntity row, string column)
    {
        ArgumentNullException.ThrowIfNull(row);
        var text = row.GetString(column);
        return string.IsNullOrEmpty(text) ? 0m : decimal.Parse(text, NumberStyles.Number, CultureInfo.InvariantCulture);
    }

    public static void SetDecimal(TableEntity row, string column, decimal value)
    {
        ArgumentNullException.ThrowIfNull(row);
        row[column] = value.ToString(CultureInfo.InvariantCulture);
    }
}
