metadata name = 'SCIM stamp storage account'
metadata description = 'Storage account for the SCIM data tables, the Functions host (AzureWebJobsStorage) and the Flex Consumption deployment package. Shared-key access is off: every caller uses Microsoft Entra ID.'

import { secureStorageAccountProperties } from 'types.bicep'

@description('Required. Globally unique storage account name (3-24 lowercase letters and digits).')
@minLength(3)
@maxLength(24)
param name string

@description('Optional. Azure region of the account.')
param location string = resourceGroup().location

@description('Optional. Tags applied to the account.')
param tags object = {}

@description('Optional. Replication of the account.')
@allowed([
  'Standard_LRS'
  'Standard_ZRS'
  'Standard_GRS'
  'Standard_GZRS'
  'Standard_RAGRS'
  'Standard_RAGZRS'
])
param skuName string = 'Standard_LRS'

@description('Required. Tables the application needs (created empty).')
param tableNames string[]

@description('Required. Blob container that holds the Function App deployment package.')
param deploymentContainerName string

resource storageAccount 'Microsoft.Storage/storageAccounts@2026-06-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: skuName
  }
  properties: secureStorageAccountProperties
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2026-06-01' = {
  parent: storageAccount
  name: 'default'
}

resource deploymentContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2026-06-01' = {
  parent: blobService
  name: deploymentContainerName
  properties: {
    publicAccess: 'None'
  }
}

resource tableService 'Microsoft.Storage/storageAccounts/tableServices@2026-06-01' = {
  parent: storageAccount
  name: 'default'
}

resource queueService 'Microsoft.Storage/storageAccounts/queueServices@2026-06-01' = {
  parent: storageAccount
  name: 'default'
}

// Event wake-ups (docs/events.md). Shared-key access is off on the account: only identities with a queue data role reach it.
resource eventQueue 'Microsoft.Storage/storageAccounts/queueServices/queues@2026-06-01' = {
  parent: queueService
  name: 'scim-events'
}

resource tables 'Microsoft.Storage/storageAccounts/tableServices/tables@2026-06-01' = [
  for tableName in tableNames: {
    parent: tableService
    name: tableName
  }
]

@description('The resource id of the storage account.')
output resourceId string = storageAccount.id

@description('The name of the storage account.')
output name string = storageAccount.name

@description('The Table service endpoint, e.g. https://<account>.table.core.windows.net/.')
output tableEndpoint string = storageAccount.properties.primaryEndpoints.table

@description('The Queue service endpoint, e.g. https://<account>.queue.core.windows.net/.')
output queueEndpoint string = storageAccount.properties.primaryEndpoints.queue

@description('The name of the event wake-up queue.')
output eventQueueName string = eventQueue.name

@description('The URL of the deployment package container.')
output deploymentContainerUrl string = '${storageAccount.properties.primaryEndpoints.blob}${deploymentContainer.name}'

@description('The names of the tables created.')
output tableNames string[] = [for (tableName, i) in tableNames: tables[i].name]
