using System.Net.Http.Json;
using SagaFunctions.App.Tests.Hosting;
using SagaFunctions.Domain.Payments;
using SagaFunctions.Testing;

namespace SagaFunctions.App.Tests.Payments;

/// <summary>
/// A payment token never leaves the streams that need it: no answer of any route and no log line
/// carries one, for orders of every outcome in both styles. Answers show a reference instead.
/// </summary>
[Collection(AppHostCollectionDefinition.Name)]
public sealed class PaymentTokenTests(AppHostFixture host)
{
    private readonly SagaDriver _driver = new(host);

    [Fact]
    public async Task No_answer_and_no_log_line_carries_a_payment_token_whatever_the_outcome_and_style()
    {
        var customer = await _driver.RegisterCustomerAsync(1_000m);
        var sku = await _driver.AddProductAsync(10m, 100);
        var answers = new List<string>();
        var orders = new List<string>();
        foreach (var style in new[] { "orchestration", "choreography" })
        {
            foreach (var token in new[] { PaymentTokens.Visa, PaymentTokens.Declined, PaymentTokens.Timeout, PaymentTokens.Slow, "tok_unknown_brand" })
            {
                orders.Add(await _driver.PlaceOrderAsync(customer, [(sku, 1)], token, style));
            }
        }

        var cancelled = await _driver.PlaceOrderAsync(customer, [(sku, 1)], PaymentTokens.Timeout, "orchestration");
        answers.Add(await (await _driver.CancelAsync(cancelled)).Content.ReadAsStringAsync());
        orders.Add(cancelled);
        foreach (var orderId in orders)
        {
            await _driver.WaitForFinalOrderAsync(orderId);
        }

        // The late captures of tok_slow come and are refunded; they log too.
        await Eventually.ValueAsync(() => _driver.PaymentAsync(orders[3]), p => p.Refunded > 0, "the orchestrated tok_slow capture came late");
        await Eventually.ValueAsync(() => _driver.PaymentAsync(orders[8]), p => p.Refunded > 0, "the choreographed tok_slow capture came late");
        foreach (var orderId in orders)
        {
            foreach (var route in new[] { $"/api/orders/{orderId}", $"/api/orders/{orderId}?asOf=1", $"/api/orders/{orderId}/events", $"/api/orders/{orderId}/saga" })
            {
                answers.Add(await host.Http.GetStringAsync(new Uri(route, UriKind.Relative)));
            }
        }

        foreach (var route in new[] { $"/api/customers/{customer}", $"/api/customers/{customer}/orders", $"/api/products/{sku}", "/api/projections" })
        {
            answers.Add(await host.Http.GetStringAsync(new Uri(route, UriKind.Relative)));
        }

        Assert.DoesNotContain(answers, a => a.Contains("tok_", StringComparison.Ordinal));
        Assert.DoesNotContain(host.Logs.Lines, l => l.Contains("tok_", StringComparison.Ordinal));
        var events = await host.Http.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/orders/{orders[0]}/events");
        Assert.Equal(PaymentReference.Of(PaymentTokens.Visa), events[0].GetProperty("data").GetProperty("paymentReference").GetString());
    }
}
