metadata name = 'SCIM silo storage account'
metadata description = 'An extra storage account for tenants isolated in their own account (isolation SiloAccount): the stamp account\'s secure defaults (Entra ID only, no shared key), a table service and the data roles of the app\'s identity and of the operator. The app creates each silo tenant\'s table itself when the tenant is created or moved there.'

import { roleAssignmentType, secureStorageAccountProperties } from 'types.bicep'

@description('Required. Globally unique storage account name (3-24 lowercase letters and digits).')
@minLength(3)
@maxLength(24)
param name string

@description('Optional. Azure region of the account (the stamp\'s region: a tenant\'s data stays in its stamp\'s region).')
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

@description('Required. Data roles on the account: the app identity\'s table role, and the operator\'s when one is given.')
param roleAssignments roleAssignmentType[]

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

resource tableService 'Microsoft.Storage/storageAccounts/tableServices@2026-06-01' = {
  parent: storageAccount
  name: 'default'
}

resource assignments 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for assignment in roleAssignments: {
    name: guid(storageAccount.id, assignment.principalId, assignment.roleDefinitionId)
    scope: storageAccount
    properties: {
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', assignment.roleDefinitionId)
      principalId: assignment.principalId
      principalType: assignment.principalType
      description: assignment.description
    }
  }
]

@description('The name of the account.')
output name string = storageAccount.name

@description('The Table service endpoint, e.g. https://<account>.table.core.windows.net/ (scimctl tenant create/move --to silo-account <endpoint>).')
output tableEndpoint string = storageAccount.properties.primaryEndpoints.table
