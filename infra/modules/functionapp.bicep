metadata name = 'SCIM stamp Function App'
metadata description = 'Flex Consumption plan and the .NET 10 isolated Function App that serves the SCIM routes. The app has a system-assigned identity and reaches storage, Key Vault and Application Insights with it: its settings hold no key, connection secret or password.'

@description('Required. Globally unique Function App name (becomes the host name).')
@minLength(2)
@maxLength(32)
param name string

@description('Required. Name of the Flex Consumption plan.')
param planName string

@description('Optional. Azure region of the plan and the app.')
param location string = resourceGroup().location

@description('Optional. Tags applied to the plan and the app.')
param tags object = {}

@description('Required. Name of the storage account used as AzureWebJobsStorage (through the managed identity).')
param storageAccountName string

@description('Required. URL of the blob container that holds the deployment package.')
param deploymentContainerUrl string

@description('Required. Table service endpoint the SCIM store uses (setting Scim__Storage__TableEndpoint).')
param tableEndpoint string

@description('Required. Queue service endpoint of the event wake-up queue (settings Scim__Events__QueueEndpoint and ScimEvents__queueServiceUri, the queue trigger\'s identity connection).')
param queueEndpoint string

@description('Required. Pool table of tenant resources (setting Scim__Storage__ResourceTable).')
param resourceTableName string

@description('Required. Tenant registry table (setting Scim__Storage__TenantTable).')
param tenantTableName string

@description('Required. URI of the Key Vault that holds token hashes (setting Scim__KeyVault__Uri).')
param keyVaultUri string

@description('Required. Name of the Application Insights component (Microsoft Entra authentication).')
param applicationInsightsName string

@description('Optional. Memory per instance in MB; CPU and network scale with it.')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int = 2048

@description('Optional. Upper bound of instances the app scales out to (a cost and back-end protection limit).')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int = 100

@description('Optional. Instances kept warm for HTTP triggers. 0 means none: no charge while idle, cold start on the first request.')
@minValue(0)
@maxValue(1000)
param alwaysReadyInstanceCount int = 0

@description('Optional. Concurrent HTTP requests per instance before the platform scales out; null keeps the platform default for the memory size.')
@minValue(1)
@maxValue(1000)
param httpPerInstanceConcurrency int?

@description('Optional. SHA-256 (hex) of the operator key for the /operator API (setting Scim__Admin__KeySha256); empty disables that API.')
param adminKeySha256 string = ''

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

// Identity-based settings only. The Application Insights connection string identifies the component and its
// ingestion endpoint; with local authentication disabled on the component it grants nothing without an Entra token.
var appSettings = [
  { name: 'AzureWebJobsStorage__accountName', value: storageAccountName }
  { name: 'AzureWebJobsStorage__credential', value: 'managedidentity' }
  { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: applicationInsights.properties.ConnectionString }
  { name: 'APPLICATIONINSIGHTS_AUTHENTICATION_STRING', value: 'Authorization=AAD' }
  { name: 'Scim__Storage__TableEndpoint', value: tableEndpoint }
  { name: 'Scim__Events__QueueEndpoint', value: queueEndpoint }
  { name: 'ScimEvents__queueServiceUri', value: queueEndpoint }
  { name: 'ScimEvents__credential', value: 'managedidentity' }
  { name: 'Scim__Storage__ResourceTable', value: resourceTableName }
  { name: 'Scim__Storage__TenantTable', value: tenantTableName }
  { name: 'Scim__KeyVault__Uri', value: keyVaultUri }
  { name: 'Scim__Admin__KeySha256', value: adminKeySha256 }
]

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

resource site 'Microsoft.Web/sites@2025-03-01' = {
  name: name
  location: location
  tags: tags
  kind: 'functionapp,linux'
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    publicNetworkAccess: 'Enabled'
    siteConfig: {
      minTlsVersion: '1.2'
      scmMinTlsVersion: '1.2'
      ftpsState: 'Disabled'
      http20Enabled: true
      appSettings: appSettings
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: deploymentContainerUrl
          authentication: {
            type: 'SystemAssignedIdentity'
          }
        }
      }
      runtime: {
        name: 'dotnet-isolated'
        version: '10.0'
      }
      scaleAndConcurrency: {
        instanceMemoryMB: instanceMemoryMB
        maximumInstanceCount: maximumInstanceCount
        alwaysReady: alwaysReadyInstanceCount > 0 ? [{ name: 'http', instanceCount: alwaysReadyInstanceCount }] : []
        triggers: httpPerInstanceConcurrency == null ? null : { http: { perInstanceConcurrency: httpPerInstanceConcurrency! } }
      }
    }
  }
}

// Publishing uses Microsoft Entra ID (az / func with the operator's login); basic-auth FTP and SCM users are off.
resource ftpPublishing 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2025-03-01' = {
  parent: site
  name: 'ftp'
  properties: {
    allow: false
  }
}

resource scmPublishing 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2025-03-01' = {
  parent: site
  name: 'scm'
  properties: {
    allow: false
  }
}

@description('The resource id of the Function App.')
output resourceId string = site.id

@description('The name of the Function App.')
output name string = site.name

@description('The default host name of the Function App.')
output defaultHostName string = site.properties.defaultHostName

@description('The HTTPS endpoint of the Function App.')
output endpoint string = 'https://${site.properties.defaultHostName}'

@description('The object id of the app\'s system-assigned managed identity.')
output principalId string = site.identity.principalId
