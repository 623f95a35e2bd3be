namespace SagaFunctions.App.ReadSide;

/// <summary>The columns of every view row (<see cref="ViewStore"/>).</summary>
public static class ViewColumns
{
    /// <summary>The view record, as JSON.</summary>
    public const string View = "View";

    /// <summary>The checkpoint: the last version of the source stream the row has applied.</summary>
    public const string Version = "Version";

    /// <summary>When the last applied event was appended (for lag).</summary>
    public const string LastEventAt = "LastEventAt";

    /// <summary>When the projection last wrote the row.</summary>
    public const string UpdatedAt = "UpdatedAt";
}
