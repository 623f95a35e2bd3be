// SagaFunctions in Azure: the Functions isolated-worker app (functions/SagaFunctions.App) on a
// Flex Consumption plan, with one storage account (host, Durable Functions task hub, event
// store, read models, queues), Application Insights on Log Analytics, and a Service Bus topic
// for integration events. Every connection is identity-based; no keys exist in app settings.
// Resources are written directly (no registry modules) so the template builds offline.

targetScope = 'resourceGroup'

@description('Name of the environment (azd env name); tags every resource and seeds nothing else.')
@minLength(1)
@maxLength(64)
param environmentName string

@description('Azure region of every resource; must offer the Flex Consumption plan.')
param location string = resourceGroup().location

@description('Maximum number of instances the function app scales out to.')
@minValue(40)
@maxValue(1000)
param maximumInstanceCount int = 100

@description('Memory of each function app instance in MB.')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int = 2048

@description('Concurrent HTTP requests one instance handles before the plan scales out.')
@minValue(1)
@maxValue(1000)
param httpPerInstanceConcurrency int = 16

@description('Saga style of new orders (Saga__DefaultStyle).')
@allowed([
  'orchestration'
  'choreography'
])
param sagaDefaultStyle string = 'orchestration'

@description('Time a saga step may take before it fails with TIMEOUT (Saga__StepTimeout, a TimeSpan).')
param sagaStepTimeout string = '00:00:30'

@description('How long a finished saga keeps its orchestration history before the retention timer purges it (Saga__HistoryRetention, a TimeSpan; event streams are never purged).')
param sagaHistoryRetention string = '30.00:00:00'

@description('NCRONTAB (six fields) of the projection sweep timer (ProjectionSweepSchedule).')
param projectionSweepSchedule string = '0 * * * * *'

@description('How old a projection marker must be before the sweep projects it instead of its notification (ProjectionSweep__Grace).')
param projectionSweepGrace string = '00:01:00'

@description('NCRONTAB (six fields) of the choreography deadline sweep, which times out stalled choreographed orders (ChoreographySweepSchedule).')
param choreographySweepSchedule string = '*/15 * * * * *'

@description('Service Bus topic of the integration events (IntegrationEvents__ServiceBusTopic).')
param serviceBusTopicName string = 'order-events'

@description('Service Bus subscription that receives every integration event, for a consumer outside the app; empty (the default): none, as nothing in the app reads one.')
param serviceBusSubscriptionName string = ''

@description('Partitions (control queues) of the Durable Functions task hub in Azure, 1 to 16. At most this many instances run orchestrations at a time (activities scale freely); fixed when the task hub is created. host.json keeps 2 for Azurite, where each partition is polled on its own.')
@minValue(1)
@maxValue(16)
param durablePartitionCount int = 4

@description('Longest wait between polls of an idle Durable Functions queue in Azure: the first message after a quiet spell waits up to this long; shorter costs more storage requests when idle. host.json keeps 1 s for local work.')
param durableMaxQueuePollingInterval string = '00:00:05'

@description('How long one function execution may run (host functionTimeout). A rebuild of the read models resumes where it stopped when its execution is cut off.')
param functionTimeout string = '00:30:00'

@description('Entra ID sign-in in front of the whole app (App Service Authentication): the application (client) id of its app registration; empty (the default): off, function keys only.')
param authClientId string = ''

@description('Entra ID tenant of that app registration.')
param authTenantId string = tenant().tenantId

var resourceToken = toLower(uniqueString(subscription().id, resourceGroup().id, location))
var tags = {
  'azd-env-name': environmentName
  application: 'saga-functions'
}
// Names are known when the deployment starts (no module outputs in resource names), so
// What-If predicts every resource precisely.
var names = {
  logAnalytics: 'log-${resourceToken}'
  applicationInsights: 'appi-${resourceToken}'
  storageAccount: 'st${resourceToken}'
  deploymentContainer: 'app-package-${resourceToken}'
  serviceBusNamespace: 'sb-${resourceToken}'
  plan: 'plan-${resourceToken}'
  functionApp: 'func-${resourceToken}'
}

module monitoring 'app/monitoring.bicep' = {
  name: 'monitoring'
  params: {
    location: location
    tags: tags
    logAnalyticsName: names.logAnalytics
    applicationInsightsName: names.applicationInsights
  }
}

module storage 'app/storage.bicep' = {
  name: 'storage'
  params: {
    location: location
    tags: tags
    storageAccountName: names.storageAccount
    deploymentContainerName: names.deploymentContainer
  }
}

module serviceBus 'app/servicebus.bicep' = {
  name: 'servicebus'
  params: {
    location: location
    tags: tags
    serviceBusNamespaceName: names.serviceBusNamespace
    topicName: serviceBusTopicName
    subscriptionName: serviceBusSubscriptionName
  }
}

module api 'app/api.bicep' = {
  name: 'api'
  dependsOn: [
    monitoring
    storage
    serviceBus
  ]
  params: {
    location: location
    tags: tags
    serviceName: 'api'
    planName: names.plan
    functionAppName: names.functionApp
    storageAccountName: names.storageAccount
    deploymentContainerName: names.deploymentContainer
    applicationInsightsName: names.applicationInsights
    serviceBusNamespaceName: names.serviceBusNamespace
    serviceBusTopicName: serviceBusTopicName
    maximumInstanceCount: maximumInstanceCount
    instanceMemoryMB: instanceMemoryMB
    httpPerInstanceConcurrency: httpPerInstanceConcurrency
    sagaDefaultStyle: sagaDefaultStyle
    sagaStepTimeout: sagaStepTimeout
    sagaHistoryRetention: sagaHistoryRetention
    projectionSweepSchedule: projectionSweepSchedule
    projectionSweepGrace: projectionSweepGrace
    choreographySweepSchedule: choreographySweepSchedule
    durablePartitionCount: durablePartitionCount
    durableMaxQueuePollingInterval: durableMaxQueuePollingInterval
    functionTimeout: functionTimeout
    authClientId: authClientId
    authTenantId: authTenantId
  }
}

module rbac 'app/rbac.bicep' = {
  name: 'rbac'
  params: {
    // The one runtime value in a resource name: role assignments are named
    // guid(scope, principalId, roleDefinitionId), and the principal id of a system-assigned
    // identity exists only once the site does. What-If shows these grants as "unsupported".
    #disable-next-line what-if-short-circuiting
    principalId: api.outputs.principalId
    storageAccountName: names.storageAccount
    serviceBusNamespaceName: names.serviceBusNamespace
    applicationInsightsName: names.applicationInsights
  }
}

output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output RESOURCE_GROUP_NAME string = resourceGroup().name
output FUNCTION_APP_NAME string = api.outputs.functionAppName
output FUNCTION_APP_DEFAULT_HOSTNAME string = api.outputs.defaultHostName
output FUNCTION_APP_URL string = 'https://${api.outputs.defaultHostName}/api'
output STORAGE_ACCOUNT_NAME string = storage.outputs.storageAccountName
output APPLICATIONINSIGHTS_NAME string = monitoring.outputs.applicationInsightsName
output SERVICEBUS_NAMESPACE_NAME string = serviceBus.outputs.serviceBusNamespaceName
output SERVICEBUS_FULLY_QUALIFIED_NAMESPACE string = api.outputs.serviceBusFullyQualifiedNamespace
output SERVICEBUS_TOPIC_NAME string = serviceBus.outputs.topicName
output SERVICEBUS_SUBSCRIPTION_NAME string = serviceBus.outputs.subscriptionName
