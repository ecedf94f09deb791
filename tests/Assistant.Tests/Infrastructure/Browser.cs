using Microsoft.Playwright;

namespace Assistant.Tests.Infrastructure;

/// <summary>
/// Debian's Chromium driven by Playwright (its own browser download is not used): <c>/usr/bin/chromium</c>, or the
/// executable <c>ASSISTANT_CHROMIUM</c> names. A machine without it fails the browser tests with the command that
/// installs it; <c>.ci/run</c> installs it.
/// </summary>
public sealed class Browser : IAsyncDisposable
{
    private readonly IPlaywright _playwright;

    private Browser(IPlaywright playwright, IBrowser chromium)
    {
        _playwright = playwright;
        Chromium = chromium;
    }

    public IBrowser Chromium { get; }

    public static string ExecutablePath => Environment.GetEnvironmentVariable("ASSISTANT_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    public static async Task<Browser> LaunchAsync()
    {
        if (!File.Exists(ExecutablePath))
        {
            throw new InvalidOperationException($"No Chromium at {ExecutablePath}: install Debian's (apt-get install chromium) or set ASSISTANT_CHROMIUM.");
        }

        var playwright = await Playwright.CreateAsync();
        var chromium = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = ExecutablePath, Headless = true });
        return new Browser(playwright, chromium);
    }

    /// <summary>How many pixels of a PNG are each colour (within a small tolerance), decoded and counted by the browser itself.</summary>
    public async Task<int[]> CountColoursAsync(byte[] png, params string[] colours)
    {
        var page = await Chromium.NewPageAsync();
        try
        {
            return await page.EvaluateAsync<int[]>("""
                async ([data, colours]) => {
                  const image = new Image();
                  image.src = 'data:image/png;base64,' + data;
                  await image.decode();
                  const canvas = document.createElement('canvas');
                  canvas.width = image.width;
                  canvas.height = image.height;
                  const context = canvas.getContext('2d');
                  context.drawImage(image, 0, 0);
                  const pixels = context.getImageData(0, 0, canvas.width, canvas.height).data;
                  return colours.map(hex => {
                    const [r, g, b] = [1, 3, 5].map(i => parseInt(hex.slice(i, i + 2), 16));
                    let count = 0;
                    for (let i = 0; i < pixels.length; i += 4) {
                      if (Math.abs(pixels[i] - r) < 10 && Math.abs(pixels[i + 1] - g) < 10 && Math.abs(pixels[i + 2] - b) < 10) count++;
                    }
                    return count;
                  });
                }
                """, new object[] { Convert.ToBase64String(png), colours });
        }
        finally
        {
            await page.CloseAsync();
        }
    }

    /// <summary>Keeps the page's picture where <c>ASSISTANT_SCREENSHOT_DIR</c> says (the README's screenshots come from here).</summary>
    public static async Task SaveScreenshotAsync(IPage page, string name)
    {
        if (Environment.GetEnvironmentVariable("ASSISTANT_SCREENSHOT_DIR") is { Length: > 0 } folder)
        {
            Directory.CreateDirectory(folder);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, name), FullPage = true });
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Chromium.DisposeAsync();
        _playwright.Dispose();
    }
}
