// Log Analytics workspace and a workspace-based Application Insights component.
// Local (key-based) ingestion is disabled: the function app sends telemetry with its
// managed identity (APPLICATIONINSIGHTS_AUTHENTICATION_STRING = Authorization=AAD) and holds
// the Monitoring Metrics Publisher role on the component (see rbac.bicep).

import { tagsType } from 'types.bicep'

@description('Azure region of the resources.')
param location string

@description('Tags applied to every resource.')
param tags tagsType

@description('Name of the Log Analytics workspace.')
param logAnalyticsName string

@description('Name of the Application Insights component.')
param applicationInsightsName string

@description('Days the workspace keeps logs.')
@minValue(30)
@maxValue(730)
param retentionInDays int = 30

resource logAnalytics 'Microsoft.OperationalInsights/workspaces@2025-02-01' = {
  name: logAnalyticsName
  location: location
  tags: tags
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: retentionInDays
  }
}

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: applicationInsightsName
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: logAnalytics.id
    DisableLocalAuth: true
  }
}

output applicationInsightsName string = applicationInsights.name
output logAnalyticsName string = logAnalytics.name
