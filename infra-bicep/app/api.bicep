// The function app on a Flex Consumption (FC1) plan: .NET 10 isolated worker, system-assigned
// managed identity, HTTPS only, FTPS and basic-auth publishing off, TLS 1.2, app package
// deployed from a blob container read with that identity, and identity-based connections
// only (no key, SAS or storage connection string in any setting).
//
// Flex Consumption takes the language from functionAppConfig.runtime and rejects the
// FUNCTIONS_WORKER_RUNTIME and FUNCTIONS_EXTENSION_VERSION app settings, so neither is set.

import { tagsType } from 'types.bicep'

@description('Azure region of the resources.')
param location string

@description('Tags applied to every resource (the site also gets azd-service-name).')
param tags tagsType

@description('azd service name of the app (azure.yaml services.<name>).')
param serviceName string

@description('Name of the Flex Consumption plan.')
param planName string

@description('Name of the function app.')
param functionAppName string

@description('Storage account of the host, the task hub, the event store and the package container.')
param storageAccountName string

@description('Blob container the app package is deployed from.')
param deploymentContainerName string

@description('Application Insights component the app reports to.')
param applicationInsightsName string

@description('Service Bus namespace of the integration events.')
param serviceBusNamespaceName string

@description('Service Bus topic of the integration events.')
param serviceBusTopicName string

@description('Maximum number of instances the app scales out to.')
@minValue(40)
@maxValue(1000)
param maximumInstanceCount int

@description('Memory of each instance in MB.')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int

@description('Concurrent HTTP requests one instance handles before the plan scales out.')
@minValue(1)
@maxValue(1000)
param httpPerInstanceConcurrency int

@description('Saga style of new orders.')
@allowed([
  'orchestration'
  'choreography'
])
param sagaDefaultStyle string

@description('Time a saga step may take before it fails with TIMEOUT (TimeSpan, e.g. 00:00:30).')
param sagaStepTimeout string

@description('How long a finished saga keeps its orchestration history (TimeSpan, e.g. 30.00:00:00).')
param sagaHistoryRetention string

@description('NCRONTAB (six fields) of the projection sweep timer.')
param projectionSweepSchedule string

@description('How old a projection marker must be before the sweep projects it.')
param projectionSweepGrace string

@description('NCRONTAB (six fields) of the choreography deadline sweep (the step timeout of choreographed sagas).')
param choreographySweepSchedule string

@description('Partitions of the Durable Functions task hub in Azure (overrides host.json).')
@minValue(1)
@maxValue(16)
param durablePartitionCount int

@description('Longest wait between polls of an idle Durable Functions queue in Azure (overrides host.json).')
param durableMaxQueuePollingInterval string

@description('How long one function execution may run (overrides host.json functionTimeout).')
param functionTimeout string

@description('Application (client) id of the Entra ID app registration that signs people in; empty: no App Service Authentication.')
param authClientId string

@description('Entra ID tenant of that app registration.')
param authTenantId string

resource storage 'Microsoft.Storage/storageAccounts@2025-01-01' existing = {
  name: storageAccountName
}

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

resource serviceBusNamespace 'Microsoft.ServiceBus/namespaces@2026-01-01' existing = {
  name: serviceBusNamespaceName
}

// serviceBusEndpoint is https://<name>.servicebus.windows.net:443/ (in whatever cloud this runs).
var serviceBusFullyQualifiedNamespace = first(split(split(serviceBusNamespace.properties.serviceBusEndpoint, '/')[2], ':'))

resource plan 'Microsoft.Web/serverfarms@2025-03-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    name: 'FC1'
    tier: 'FlexConsumption'
  }
  properties: {
    reserved: true
  }
}

resource functionApp 'Microsoft.Web/sites@2025-03-01' = {
  name: functionAppName
  location: location
  tags: union(tags, { 'azd-service-name': serviceName })
  kind: 'functionapp,linux'
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    clientCertEnabled: false
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${storage.properties.primaryEndpoints.blob}${deploymentContainerName}'
          authentication: {
            type: 'SystemAssignedIdentity'
          }
        }
      }
      scaleAndConcurrency: {
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: instanceMemoryMB
        triggers: {
          http: {
            perInstanceConcurrency: httpPerInstanceConcurrency
          }
        }
      }
      runtime: {
        name: 'dotnet-isolated'
        version: '10.0'
      }
    }
    siteConfig: {
      minTlsVersion: '1.2'
      scmMinTlsVersion: '1.2'
      ftpsState: 'Disabled'
      http20Enabled: true
      appSettings: [
        // Functions host + Durable Functions task hub: blobs, queues and tables, by identity.
        {
          name: 'AzureWebJobsStorage__credential'
          value: 'managedidentity'
        }
        {
          name: 'AzureWebJobsStorage__blobServiceUri'
          value: storage.properties.primaryEndpoints.blob
        }
        {
          name: 'AzureWebJobsStorage__queueServiceUri'
          value: storage.properties.primaryEndpoints.queue
        }
        {
          name: 'AzureWebJobsStorage__tableServiceUri'
          value: storage.properties.primaryEndpoints.table
        }
        // Event store, read models and integration queues, by identity.
        {
          name: 'SagaStorage__credential'
          value: 'managedidentity'
        }
        {
          name: 'SagaStorage__blobServiceUri'
          value: storage.properties.primaryEndpoints.blob
        }
        {
          name: 'SagaStorage__queueServiceUri'
          value: storage.properties.primaryEndpoints.queue
        }
        {
          name: 'SagaStorage__tableServiceUri'
          value: storage.properties.primaryEndpoints.table
        }
        {
          name: 'Saga__DefaultStyle'
          value: sagaDefaultStyle
        }
        {
          name: 'Saga__StepTimeout'
          value: sagaStepTimeout
        }
        {
          name: 'Saga__HistoryRetention'
          value: sagaHistoryRetention
        }
        {
          name: 'ProjectionSweepSchedule'
          value: projectionSweepSchedule
        }
        {
          name: 'ProjectionSweep__Grace'
          value: projectionSweepGrace
        }
        {
          name: 'ChoreographySweepSchedule'
          value: choreographySweepSchedule
        }
        // Integration events go to the Service Bus topic, by identity.
        {
          name: 'IntegrationEvents__Transport'
          value: 'ServiceBus'
        }
        {
          name: 'IntegrationEvents__ServiceBusTopic'
          value: serviceBusTopicName
        }
        {
          name: 'ServiceBusConnection__fullyQualifiedNamespace'
          value: serviceBusFullyQualifiedNamespace
        }
        {
          name: 'ServiceBusConnection__credential'
          value: 'managedidentity'
        }
        // Where the cloud differs from host.json, whose values are tuned for Azurite: the Functions host
        // reads AzureFunctionsJobHost__<path> as the host.json value at <path>.
        {
          name: 'AzureFunctionsJobHost__extensions__durableTask__storageProvider__partitionCount'
          value: string(durablePartitionCount)
        }
        {
          name: 'AzureFunctionsJobHost__extensions__durableTask__storageProvider__maxQueuePollingInterval'
          value: durableMaxQueuePollingInterval
        }
        {
          name: 'AzureFunctionsJobHost__functionTimeout'
          value: functionTimeout
        }
        // Telemetry with Entra ID (local auth of the component is off).
        {
          name: 'APPLICATIONINSIGHTS_CONNECTION_STRING'
          value: applicationInsights.properties.ConnectionString
        }
        {
          name: 'APPLICATIONINSIGHTS_AUTHENTICATION_STRING'
          value: 'Authorization=AAD'
        }
      ]
    }
  }
}

// Entra ID sign-in in front of every route, when an app registration is given: people sign in in the
// browser (redirected to the login page; the registration issues ID tokens, so no client secret is
// kept anywhere), scripts send a bearer token for api://<client id>. Function keys still apply behind
// it: a caller needs both.
resource authSettings 'Microsoft.Web/sites/config@2025-03-01' = if (!empty(authClientId)) {
  parent: functionApp
  name: 'authsettingsV2'
  properties: {
    platform: {
      enabled: true
    }
    globalValidation: {
      requireAuthentication: true
      unauthenticatedClientAction: 'RedirectToLoginPage'
      redirectToProvider: 'azureactivedirectory'
    }
    httpSettings: {
      requireHttps: true
    }
    login: {
      tokenStore: {
        enabled: false
      }
    }
    identityProviders: {
      azureActiveDirectory: {
        enabled: true
        registration: {
          clientId: authClientId
          openIdIssuer: '${environment().authentication.loginEndpoint}${authTenantId}/v2.0'
        }
        validation: {
          allowedAudiences: [
            'api://${authClientId}'
            authClientId
          ]
        }
      }
    }
  }
}

// No FTP or SCM basic-auth publishing: deployments authenticate with Entra ID.
resource ftpPublishing 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2025-03-01' = {
  parent: functionApp
  name: 'ftp'
  properties: {
    allow: false
  }
}

resource scmPublishing 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2025-03-01' = {
  parent: functionApp
  name: 'scm'
  properties: {
    allow: false
  }
}

output functionAppName string = functionApp.name
output defaultHostName string = functionApp.properties.defaultHostName
output principalId string = functionApp.identity.principalId
output serviceBusFullyQualifiedNamespace string = serviceBusFullyQualifiedNamespace
