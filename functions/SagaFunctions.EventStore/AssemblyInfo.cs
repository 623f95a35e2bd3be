using System.Runtime.CompilerServices;

// The tests check the pure snapshot codec and storage limits directly.
[assembly: InternalsVisibleTo("SagaFunctions.EventStore.Tests")]
