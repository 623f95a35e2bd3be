// The one storage account of the app: Functions host (AzureWebJobsStorage), Durable
// Functions task hub (queues + tables + blobs), the event store, read models and the
// integration queues (SagaStorage), and the blob container the Flex Consumption plan
// deploys the app package from. Entra ID only: shared keys and anonymous blob access are off.

import { tagsType } from 'types.bicep'

@description('Azure region of the resources.')
param location string

@description('Tags applied to every resource.')
param tags tagsType

@description('Name of the storage account (3-24 lowercase letters and digits).')
@minLength(3)
@maxLength(24)
param storageAccountName string

@description('Name of the blob container that holds the app package.')
param deploymentContainerName string

resource storage 'Microsoft.Storage/storageAccounts@2025-01-01' = {
  name: storageAccountName
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
  properties: {
    accessTier: 'Hot'
    allowSharedKeyAccess: false
    allowBlobPublicAccess: false
    allowCrossTenantReplication: false
    defaultToOAuthAuthentication: true
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      bypass: 'AzureServices'
      defaultAction: 'Allow'
    }
  }
}

resource blobServices 'Microsoft.Storage/storageAccounts/blobServices@2025-01-01' = {
  parent: storage
  name: 'default'
}

resource deploymentContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2025-01-01' = {
  parent: blobServices
  name: deploymentContainerName
  properties: {
    publicAccess: 'None'
  }
}

output storageAccountName string = storage.name
output deploymentContainerName string = deploymentContainer.name
