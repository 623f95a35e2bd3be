using Microsoft.Extensions.Configuration;
using SagaFunctions.App.Saga;
using SagaFunctions.Domain.Payments;

namespace SagaFunctions.App.Payments;

/// <summary>
/// The payment gateway as the Payments context calls it. The order id is the idempotency key of both
/// calls, as real gateways take one (Stripe's <c>Idempotency-Key</c>): asking again for the same order
/// returns the first answer instead of charging twice, and a refund is given once.
/// </summary>
public interface IPaymentGateway
{
    /// <summary>Charges <paramref name="amount"/> to <paramref name="token"/>; <see cref="PaymentOutcome.NoAnswer"/> when the gateway does not answer.</summary>
    Task<GatewayResponse> ChargeAsync(string orderId, decimal amount, string token, CancellationToken cancellationToken);

    /// <summary>Gives back what the order's charge took (a capture that came after the saga gave up on the payment).</summary>
    Task RefundAsync(string orderId, decimal amount, CancellationToken cancellationToken);
}

/// <summary>
/// The simulated gateway (<see cref="SimulatedPaymentGateway"/>, a pure function of the token) with its
/// timing: <c>tok_slow</c> answers after <see cref="SlowAnswerAfter"/>; <c>tok_timeout</c> is reported
/// at once as no answer, and the caller waits as it would for a gateway that hangs (the orchestration's
/// capture step for a while, the choreography not at all). It holds no money, so a refund is a no-op.
/// </summary>
public sealed class SimulatedGatewayClient(IConfiguration configuration, SagaSettings settings) : IPaymentGateway
{
    /// <summary>When <c>tok_slow</c> answers (<c>Payments:SlowAnswerAfter</c>; default twice the step timeout, later than either saga style waits).</summary>
    public TimeSpan SlowAnswerAfter => configuration.GetValue("Payments:SlowAnswerAfter", settings.StepTimeout * 2);

    public async Task<GatewayResponse> ChargeAsync(string orderId, decimal amount, string token, CancellationToken cancellationToken)
    {
        var response = SimulatedPaymentGateway.Charge(token);
        if (response.Late)
        {
            await Task.Delay(SlowAnswerAfter, cancellationToken);
        }

        return response;
    }

    public Task RefundAsync(string orderId, decimal amount, CancellationToken cancellationToken) => Task.CompletedTask;
}
