metadata name = 'SCIM stamp monitoring'
metadata description = 'Log Analytics workspace and workspace-based Application Insights. Local (key-based) authentication is off on both: telemetry is sent with Microsoft Entra ID.'

@description('Required. Name of the Log Analytics workspace.')
param logAnalyticsName string

@description('Required. Name of the Application Insights component.')
param applicationInsightsName string

@description('Optional. Azure region of both resources.')
param location string = resourceGroup().location

@description('Optional. Tags applied to both resources.')
param tags object = {}

@description('Optional. Days logs are kept (30 days are included in the ingestion price).')
@minValue(30)
@maxValue(730)
param retentionInDays int = 30

@description('Optional. Daily ingestion cap in GB, a cost guard; -1 means no cap. Past the cap, telemetry is dropped until the next day.')
@minValue(-1)
param dailyQuotaGb int = -1

resource workspace 'Microsoft.OperationalInsights/workspaces@2026-03-01' = {
  name: logAnalyticsName
  location: location
  tags: tags
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: retentionInDays
    workspaceCapping: {
      dailyQuotaGb: dailyQuotaGb
    }
    features: {
      disableLocalAuth: true
      enableLogAccessUsingOnlyResourcePermissions: true
    }
    publicNetworkAccessForIngestion: 'Enabled'
    publicNetworkAccessForQuery: 'Enabled'
  }
}

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: applicationInsightsName
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: workspace.id
    IngestionMode: 'LogAnalytics'
    DisableLocalAuth: true
    publicNetworkAccessForIngestion: 'Enabled'
    publicNetworkAccessForQuery: 'Enabled'
  }
}

@description('The resource id of the Log Analytics workspace.')
output logAnalyticsResourceId string = workspace.id

@description('The resource id of the Application Insights component.')
output resourceId string = applicationInsights.id

@description('The name of the Application Insights component.')
output name string = applicationInsights.name
