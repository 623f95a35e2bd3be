using Microsoft.Extensions.Configuration;

namespace SagaFunctions.App.Platform.Shortcuts;

/// <summary>
/// Whether this process may take its shortcuts (<c>InProcessShortcuts:Enabled</c>, on by default): the
/// per-key turns (<see cref="KeyedTurns"/>) and the memories of what it wrote or read
/// (<see cref="BoundedCache{TValue}"/>: a stream's last state, a product's price, a pass's progress, an
/// order's saga style, recent appends). In Azure the app runs on many instances and these seldom
/// hit; nothing may depend on them. Turned off, every command reads what it decides on and nobody
/// waits for a turn: the tests run that way too, and must give the same results.
/// </summary>
public sealed class InProcessShortcuts(bool enabled)
{
    public const string Setting = "InProcessShortcuts:Enabled";

    public static InProcessShortcuts On { get; } = new(true);

    public bool Enabled { get; } = enabled;

    public static InProcessShortcuts From(IConfiguration configuration) => new(configuration.GetValue(Setting, true));
}
