using System.Text.Json.Serialization.Metadata;
using SagaFunctions.Domain.Customers;
using SagaFunctions.Domain.Inventory;
using SagaFunctions.Domain.Serialization;

namespace SagaFunctions.Domain.Tests.Serialization;

public class EventTypeMapTests
{
    [Fact]
    public void Map_resolves_names_types_and_json_metadata()
    {
        var map = CustomerEventTypes.Map;

        Assert.Equal(typeof(CreditReserved), map.GetType(CreditReserved.TypeName));
        Assert.Equal(CreditReserved.TypeName, map.GetTypeName(typeof(CreditReserved)));
        Assert.Same(DomainJsonContext.Default.CreditReserved, map.GetJsonTypeInfo(CreditReserved.TypeName));
        Assert.True(map.TryGetType(CreditReleased.TypeName, out var type));
        Assert.Equal(typeof(CreditReleased), type);
        Assert.False(map.TryGetTypeName(typeof(StockReserved), out _));
        Assert.Throws<ArgumentException>(() => map.GetType(StockReserved.TypeName));
    }

    [Fact]
    public void RegisterAll_hands_every_entry_to_the_registrar_with_its_generic_type()
    {
        var registrar = new RecordingRegistrar();

        DomainEventTypes.All.RegisterAll(registrar);

        Assert.Equal(DomainEventTypes.All.TypesByName.Keys.Order(StringComparer.Ordinal), registrar.Registered.Keys.Order(StringComparer.Ordinal));
        Assert.All(registrar.Registered, r => Assert.Equal(DomainEventTypes.All.GetType(r.Key), r.Value));
    }

    [Fact]
    public void A_duplicate_name_is_refused()
    {
        Assert.Throws<ArgumentException>(() => new EventTypeMap(
            EventTypeMap.Entry("x.v1", DomainJsonContext.Default.CreditReserved),
            EventTypeMap.Entry("x.v1", DomainJsonContext.Default.CreditReleased)));
    }

    [Fact]
    public void A_type_mapped_twice_is_refused()
    {
        Assert.Throws<ArgumentException>(() => EventTypeMap.Combine(CustomerEventTypes.Map, CustomerEventTypes.Map));
    }

    private sealed class RecordingRegistrar : IEventTypeRegistrar
    {
        public Dictionary<string, Type> Registered { get; } = new(StringComparer.Ordinal);

        public void Register<TEvent>(string typeName, JsonTypeInfo<TEvent> typeInfo)
            where TEvent : class, IDomainEvent
        {
            Assert.Equal(typeof(TEvent), typeInfo.Type);
            Registered.Add(typeName, typeof(TEvent));
        }
    }
}
