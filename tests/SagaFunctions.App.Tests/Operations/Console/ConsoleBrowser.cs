using Microsoft.Playwright;

namespace SagaFunctions.App.Tests.Operations.Console;

/// <summary>
/// Debian's Chromium (<c>CHROMIUM_PATH</c>, default <c>/usr/bin/chromium</c>; <c>.ci/run</c> installs it)
/// driven by Playwright, headless; Playwright never downloads a browser. Screenshots go to the test
/// output's <c>screenshots/</c> folder.
/// </summary>
public sealed class ConsoleBrowser : IAsyncDisposable
{
    private ConsoleBrowser(IPlaywright playwright, IBrowser browser, IPage page)
    {
        Playwright = playwright;
        Browser = browser;
        Page = page;
    }

    public static string ScreenshotDirectory { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    public IPlaywright Playwright { get; }

    public IBrowser Browser { get; }

    public IPage Page { get; }

    public static async Task<ConsoleBrowser> OpenAsync(Uri console)
    {
        var executable = Environment.GetEnvironmentVariable("CHROMIUM_PATH") is { Length: > 0 } path ? path : "/usr/bin/chromium";
        Assert.True(File.Exists(executable), $"No Chromium at {executable}: apt-get install chromium, or set CHROMIUM_PATH.");
        var playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = executable, Headless = true, Timeout = 60_000 });
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1440, Height = 1000 } });
        page.SetDefaultTimeout(60_000);
        // The console confirms its destructive actions; the operator here says yes.
        page.Dialog += async (_, dialog) => await dialog.AcceptAsync();
        await page.GotoAsync(console.ToString());
        return new ConsoleBrowser(playwright, browser, page);
    }

    /// <summary>Saves a full-page screenshot as <c>screenshots/{name}.png</c>; returns its path.</summary>
    public async Task<string> ScreenshotAsync(string name)
    {
        Directory.CreateDirectory(ScreenshotDirectory);
        var path = Path.Combine(ScreenshotDirectory, name + ".png");
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        return path;
    }

    public async ValueTask DisposeAsync()
    {
        await Browser.DisposeAsync();
        Playwright.Dispose();
    }
}
