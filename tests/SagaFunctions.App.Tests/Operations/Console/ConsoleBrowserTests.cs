using Microsoft.Playwright;
using SagaFunctions.App.Platform.Storage;
using SagaFunctions.App.ReadSide;
using SagaFunctions.App.Tests.Hosting;
using SagaFunctions.Domain;
using SagaFunctions.Domain.Saga;
using SagaFunctions.Testing;
using Xunit.Abstractions;

namespace SagaFunctions.App.Tests.Operations.Console;

/// <summary>
/// The operator console in a real browser against the real app on Azurite: orders of every outcome,
/// the list and its filters, a declined saga's timeline, a compensation's failed attempts, a cancel, a
/// COMPENSATION_FAILED order resolved, a stalled choreography found and ended, a poison message replayed. Each view is saved as a screenshot.
/// </summary>
[Collection(AppHostCollectionDefinition.Name)]
public sealed class ConsoleBrowserTests(AppHostFixture app, ITestOutputHelper output)
{
    private readonly SagaDriver _driver = new(app);

    [Fact]
    public async Task An_operator_finds_understands_and_resolves_sagas_in_the_console()
    {
        // What the page shows after an action comes from the views, which follow the streams within a pass
        // or the page's next auto-refresh (5 s): the expectations wait longer than that.
        Assertions.SetDefaultExpectTimeout(30_000);
        var customer = await _driver.RegisterCustomerAsync(1000m);
        var sku = await _driver.AddProductAsync(10m, 20);
        var approved = await _driver.PlaceOrderAsync(customer, [(sku, 1)]);
        var declined = await _driver.PlaceOrderAsync(customer, [(sku, 2)], token: "tok_declined");
        var outOfStock = await _driver.PlaceOrderAsync(customer, [(sku, 25)]);
        var choreographed = await _driver.PlaceOrderAsync(customer, [(sku, 1)], style: SagaStyles.Choreography);
        var failedKey = Guid.NewGuid().ToString("N");
        var failed = SagaDriver.OrderIdFor(customer, failedKey);
        app.Faults.FailBefore(SagaStep.ReleaseCredit, failed, int.MaxValue);
        await _driver.PlaceOrderAsync(customer, [(sku, 3)], token: "tok_declined", key: failedKey);
        var pendingKey = Guid.NewGuid().ToString("N");
        using var hold = app.Holds.Hold(SagaStep.ReserveStock, SagaDriver.OrderIdFor(customer, pendingKey));
        var pending = await _driver.PlaceOrderAsync(customer, [(sku, 4)], key: pendingKey);
        await hold.Reached;
        foreach (var orderId in new[] { approved, declined, outOfStock, choreographed, failed })
        {
            await _driver.WaitForFinalOrderAsync(orderId);
        }

        await new OperatorClient(app.Http).EventuallyListedAsync(customer, new Dictionary<string, string>
        {
            [approved] = "APPROVED", [declined] = "REJECTED", [outOfStock] = "REJECTED", [choreographed] = "APPROVED", [failed] = "COMPENSATION_FAILED", [pending] = "PENDING",
        });

        await using var browser = await ConsoleBrowser.OpenAsync(new Uri(app.Host.BaseAddress, "api/console"));
        var page = browser.Page;

        // The list, filtered to this customer: every outcome, with its counts.
        await page.GetByLabel("Customer id").FillAsync(customer);
        await page.GetByRole(AriaRole.Button, new() { Name = "Apply" }).ClickAsync();
        await Assertions.Expect(page.Locator("#saga-table tbody tr")).ToHaveCountAsync(6);
        await Assertions.Expect(page.Locator("[data-count=REJECTED]")).ToHaveTextAsync("2");
        Shot(await browser.ScreenshotAsync("01-saga-list"));

        // Several statuses at once.
        await page.Locator("input[name=status][value=REJECTED]").CheckAsync();
        await page.Locator("input[name=status][value=COMPENSATION_FAILED]").CheckAsync();
        await Assertions.Expect(page.Locator("#saga-table tbody tr")).ToHaveCountAsync(3);
        Shot(await browser.ScreenshotAsync("02-filtered-rejected-and-compensation-failed"));

        // A declined saga: the compensations in reverse step order, after the pivot.
        await page.Locator($"[data-open='{declined}']").ClickAsync();
        await Assertions.Expect(page.Locator(".gantt")).ToBeVisibleAsync();
        var compensations = await page.EvaluateAsync<string[]>(
            "() => [...document.querySelectorAll('.gantt .label')].filter(l => l.querySelector('.kind').textContent === 'compensation').map(l => l.querySelector('strong').textContent)");
        Assert.Equal(["ReleaseStock", "ReleaseCredit"], compensations);
        await Assertions.Expect(page.Locator(".pivot-line")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#d-events tbody")).ToContainTextAsync("ordering.order-rejected");
        Shot(await browser.ScreenshotAsync("03-declined-saga-timeline"));

        // The COMPENSATION_FAILED order: a retry while the cause persists is refused, with the reason; once fixed it settles.
        await page.Locator($"[data-open='{failed}']").ClickAsync();
        // Its retry policy's five failed attempts, each a tick on the compensation's bar, with the error.
        await Assertions.Expect(page.Locator(".gantt .dur .o-RETRIED")).ToHaveTextAsync("5 attempts");
        await Assertions.Expect(page.Locator(".gantt .track .tick")).ToHaveCountAsync(5);
        await Assertions.Expect(page.Locator(".gantt .retries")).ToContainTextAsync("attempt 5 failed");
        await page.GetByRole(AriaRole.Button, new() { Name = "Retry compensation" }).ClickAsync();
        await Assertions.Expect(page.Locator("#d-result")).ToContainTextAsync("refused (503");
        Shot(await browser.ScreenshotAsync("04-retry-compensation-refused"));
        app.Faults.FailBefore(SagaStep.ReleaseCredit, failed, 0);
        await page.GetByRole(AriaRole.Button, new() { Name = "Retry compensation" }).ClickAsync();
        await Assertions.Expect(page.Locator("#d-result")).ToContainTextAsync("Retry compensation: done");
        await Assertions.Expect(page.Locator("#d-meta")).ToContainTextAsync("REJECTED");
        Shot(await browser.ScreenshotAsync("05-compensation-resolved"));

        // The pending saga: cancelled from the console, everything it held released.
        await page.Locator("input[name=status][value=REJECTED]").UncheckAsync();
        await page.Locator("input[name=status][value=COMPENSATION_FAILED]").UncheckAsync();
        await page.Locator($"[data-open='{pending}']").ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Cancel", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("#d-result")).ToContainTextAsync("Cancel: done");
        hold.Release(); // the held reservation answers late: it finds the order released and takes nothing
        var cancelled = await _driver.WaitForFinalOrderAsync(pending);
        Assert.Equal("CANCELLED", cancelled.Status);
        await Assertions.Expect(page.Locator("#d-meta")).ToContainTextAsync("CANCELLED");
        Shot(await browser.ScreenshotAsync("06-cancelled"));

        // Balances: only the two approved orders hold credit (10 + 10) and stock (1 + 1).
        Assert.Equal(980m, await _driver.AvailableCreditAsync(customer));
        Assert.Equal(18, await _driver.AvailableStockAsync(sku));

        // The choreographed saga's chain of events.
        await page.Locator($"[data-open='{choreographed}']").ClickAsync();
        await Assertions.Expect(page.Locator(".chain li").Last).ToContainTextAsync("ordering.order-approved");
        Shot(await browser.ScreenshotAsync("07-choreography-chain"));

        // A stalled chain (the gateway never answers tok_timeout): the console points at the event nobody
        // answered; ended from the console, the saga releases what its chain reserved.
        var stalledCustomer = await _driver.RegisterCustomerAsync(100m);
        var stalledSku = await _driver.AddProductAsync(10m, 5);
        var stalled = await _driver.PlaceOrderAsync(stalledCustomer, [(stalledSku, 2)], token: "tok_timeout", style: SagaStyles.Choreography);
        await Eventually.TrueAsync(async () => await _driver.AvailableStockAsync(stalledSku) == 3, "the chain reserved the stock");
        await page.GetByLabel("Customer id").FillAsync(stalledCustomer);
        await page.GetByRole(AriaRole.Button, new() { Name = "Apply" }).ClickAsync();
        await page.Locator($"[data-open='{stalled}']").ClickAsync();
        await Assertions.Expect(page.Locator(".stall-note")).ToContainTextAsync("inventory.order-stock-reserved");
        await Assertions.Expect(page.Locator(".chain li.stalled")).ToContainTextAsync("inventory.order-stock-reserved");
        Shot(await browser.ScreenshotAsync("08-stalled-choreography"));
        await page.GetByRole(AriaRole.Button, new() { Name = "End saga" }).ClickAsync();
        await Assertions.Expect(page.Locator("#d-result")).ToContainTextAsync("End saga: done");
        await Assertions.Expect(page.Locator("#d-meta")).ToContainTextAsync("REJECTED");
        await Assertions.Expect(page.Locator("#d-meta")).ToContainTextAsync(FailureReasons.EndedByOperator);
        Assert.Equal(100m, await _driver.AvailableCreditAsync(stalledCustomer));
        Assert.Equal(5, await _driver.AvailableStockAsync(stalledSku));
        Shot(await browser.ScreenshotAsync("09-stalled-choreography-ended"));

        // A poison message replayed from the console: projected, and its effect applied once.
        var notification = $$"""{"table":"{{app.Get<EventStores>().Customers.TableName}}","streamId":"{{StreamNames.Customer(customer)}}","version":1}""";
        var poison = app.Get<SagaStorage>().Queue(QueueAppendNotifier.QueueName + "-poison");
        await poison.CreateIfNotExistsAsync();
        var messageId = (await poison.SendMessageAsync(notification)).Value.MessageId;
        await page.GetByRole(AriaRole.Button, new() { Name = "Poison messages" }).ClickAsync();
        var replay = page.Locator($"[data-replay='{poison.Name}|{messageId}']");
        await Assertions.Expect(replay).ToBeVisibleAsync();
        Shot(await browser.ScreenshotAsync("10-poison-messages"));
        await replay.ClickAsync();
        await Assertions.Expect(page.Locator("#toast")).ToContainTextAsync("Replayed");
        await Assertions.Expect(replay).ToHaveCountAsync(0);
        await Eventually.TrueAsync(async () => !(await app.Get<SagaStorage>().Queue(QueueAppendNotifier.QueueName).PeekMessagesAsync(32)).Value.Any(m => m.Body.ToString() == notification), "the replay is consumed");
        var view = await app.Http.GetJsonAsync($"/api/customers/{customer}");
        Assert.Equal(980m, view!.Value.GetProperty("availableCredit").GetDecimal());

        // The read side: lag per view, pending markers, the rebuild button.
        await page.GetByRole(AriaRole.Button, new() { Name = "Read side" }).ClickAsync();
        await Assertions.Expect(page.Locator("#projections tbody tr")).ToHaveCountAsync(4);
        await Assertions.Expect(page.Locator("#projections tbody")).ToContainTextAsync("sagas");
        Shot(await browser.ScreenshotAsync("11-read-side"));
    }

    private void Shot(string path) => output.WriteLine("screenshot: " + path);
}
