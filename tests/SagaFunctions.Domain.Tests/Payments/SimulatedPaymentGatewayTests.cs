using SagaFunctions.Domain.Payments;

namespace SagaFunctions.Domain.Tests.Payments;

public class SimulatedPaymentGatewayTests
{
    [Theory]
    [InlineData("tok_visa", PaymentOutcome.Captured)]
    [InlineData("tok_declined", PaymentOutcome.Declined)]
    [InlineData("tok_timeout", PaymentOutcome.NoAnswer)]
    [InlineData("tok_slow", PaymentOutcome.Captured)]
    [InlineData("tok_VISA", PaymentOutcome.Declined)]
    [InlineData("anything", PaymentOutcome.Declined)]
    public void Charge_is_a_pure_function_of_the_token(string token, PaymentOutcome expected)
    {
        Assert.Equal(expected, SimulatedPaymentGateway.Charge(token).Outcome);
        Assert.Equal(SimulatedPaymentGateway.Charge(token), SimulatedPaymentGateway.Charge(token));
    }

    [Theory]
    [InlineData("tok_slow", true)]
    [InlineData("tok_visa", false)]
    [InlineData("tok_declined", false)]
    [InlineData("tok_timeout", false)]
    public void Only_tok_slow_answers_late(string token, bool late)
    {
        Assert.Equal(late, SimulatedPaymentGateway.Charge(token).Late);
    }
}
