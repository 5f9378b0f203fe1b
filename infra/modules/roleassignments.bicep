metadata name = 'SCIM stamp role assignments'
metadata description = 'Data-plane role assignments on the stamp\'s storage account, Key Vault and Application Insights. Names are guid(scope, principal, role), so a redeployment updates the same assignment instead of adding one.'

import { roleAssignmentType } from 'types.bicep'

@description('Required. Name of the storage account the storage roles apply to.')
param storageAccountName string

@description('Required. Name of the Key Vault the vault roles apply to.')
param keyVaultName string

@description('Required. Name of the Application Insights component the monitoring roles apply to.')
param applicationInsightsName string

@description('Optional. Roles granted on the storage account.')
param storageRoleAssignments roleAssignmentType[] = []

@description('Optional. Roles granted on the Key Vault.')
param keyVaultRoleAssignments roleAssignmentType[] = []

@description('Optional. Roles granted on the Application Insights component.')
param applicationInsightsRoleAssignments roleAssignmentType[] = []

resource storageAccount 'Microsoft.Storage/storageAccounts@2026-06-01' existing = {
  name: storageAccountName
}

resource vault 'Microsoft.KeyVault/vaults@2026-05-15' existing = {
  name: keyVaultName
}

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

resource storageAssignments 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for assignment in storageRoleAssignments: {
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

resource keyVaultAssignments 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for assignment in keyVaultRoleAssignments: {
    name: guid(vault.id, assignment.principalId, assignment.roleDefinitionId)
    scope: vault
    properties: {
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', assignment.roleDefinitionId)
      principalId: assignment.principalId
      principalType: assignment.principalType
      description: assignment.description
    }
  }
]

resource applicationInsightsAssignments 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for assignment in applicationInsightsRoleAssignments: {
    name: guid(applicationInsights.id, assignment.principalId, assignment.roleDefinitionId)
    scope: applicationInsights
    properties: {
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', assignment.roleDefinitionId)
      principalId: assignment.principalId
      principalType: assignment.principalType
      description: assignment.description
    }
  }
]

@description('The resource ids of the role assignments on the storage account.')
output storageRoleAssignmentIds string[] = [for (assignment, i) in storageRoleAssignments: storageAssignments[i].id]

@description('The resource ids of the role assignments on the Key Vault.')
output keyVaultRoleAssignmentIds string[] = [for (assignment, i) in keyVaultRoleAssignments: keyVaultAssignments[i].id]

@description('The resource ids of the role assignments on the Application Insights component.')
output applicationInsightsRoleAssignmentIds string[] = [
  for (assignment, i) in applicationInsightsRoleAssignments: applicationInsightsAssignments[i].id
]
