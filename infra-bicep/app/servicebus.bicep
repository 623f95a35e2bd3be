// Service Bus namespace for integration events (IntegrationEvents__Transport = ServiceBus), for
// consumers outside the app. Entra ID only (disableLocalAuth): no SAS keys exist to leak. The topic
// detects duplicates by message id, which the app sets to the event id. A topic with no subscription
// keeps nothing: each consumer adds its own subscription.

import { tagsType } from 'types.bicep'

@description('Azure region of the resources.')
param location string

@description('Tags applied to every resource.')
param tags tagsType

@description('Name of the Service Bus namespace.')
@minLength(6)
@maxLength(50)
param serviceBusNamespaceName string

@description('Topic the app publishes integration events to.')
param topicName string

@description('A subscription that receives every event of the topic, for a consumer outside the app; empty: none. The app reads no subscription (its choreography runs on the storage queue), and an unread subscription only piles messages up, so create one only for a reader.')
param subscriptionName string = ''

@description('How long the topic remembers message ids for duplicate detection (ISO 8601).')
param duplicateDetectionWindow string = 'PT10M'

resource serviceBusNamespace 'Microsoft.ServiceBus/namespaces@2026-01-01' = {
  name: serviceBusNamespaceName
  location: location
  tags: tags
  sku: {
    name: 'Standard'
    tier: 'Standard'
  }
  properties: {
    disableLocalAuth: true
    minimumTlsVersion: '1.2'
    publicNetworkAccess: 'Enabled'
  }
}

resource topic 'Microsoft.ServiceBus/namespaces/topics@2026-01-01' = {
  parent: serviceBusNamespace
  name: topicName
  properties: {
    requiresDuplicateDetection: true
    duplicateDetectionHistoryTimeWindow: duplicateDetectionWindow
    defaultMessageTimeToLive: 'P14D'
    supportOrdering: true
    enablePartitioning: false
  }
}

// Only for a reader: what its reader leaves for 14 days is dead-lettered, and a subscription idle for
// 30 days (its reader gone) deletes itself, so nothing piles up for good.
resource allEvents 'Microsoft.ServiceBus/namespaces/topics/subscriptions@2026-01-01' = if (!empty(subscriptionName)) {
  parent: topic
  name: empty(subscriptionName) ? 'none' : subscriptionName
  properties: {
    maxDeliveryCount: 10
    lockDuration: 'PT1M'
    deadLetteringOnMessageExpiration: true
    defaultMessageTimeToLive: 'P14D'
    autoDeleteOnIdle: 'P30D'
  }
}

output serviceBusNamespaceName string = serviceBusNamespace.name
output topicName string = topic.name
output subscriptionName string = empty(subscriptionName) ? '' : allEvents.name
