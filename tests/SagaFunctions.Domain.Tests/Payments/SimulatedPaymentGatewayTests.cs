using SagaFunctions.Domain.Payments;

namespace SagaFunctions.Domain.Tests.Payments;

public class SimulatedPaymentGatewayTests
{
    [Theory]
    [InlineData("tok_visa", PaymentOutcome.Captured)]
    [InlineData("tok_declined", PaymentOutcome.Declined)]
    [InlineData("tok_timeout", PaymentOutcome.NoAnswer)]
    [InlineData("tok_VISA", PaymentOutcome.Declined)]
    [InlineData("anything", PaymentOutcome.Declined)]
    public void Charge_is_a_pure_function_of_the_token(string token, PaymentOutcome expected)
    {
        Assert.Equal(expected, SimulatedPaymentGateway.Charge(token).Outcome);
        Assert.Equal(SimulatedPaymentGateway.Charge(token), SimulatedPaymentGateway.Charge(token));
    }
}
