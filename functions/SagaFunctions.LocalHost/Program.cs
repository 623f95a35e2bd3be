using SagaFunctions.LocalHost;

// Thin on purpose: everything lives in LocalFunctionsHost so tests start the same host in-process.
await using var host = await LocalFunctionsHost.StartAsync(LocalHostOptions.FromCommandLine(args));
host.ExitProcessAfterShutdown(TimeSpan.FromSeconds(5));
await host.WaitForShutdownAsync();
