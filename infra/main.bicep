metadata name = 'ScimFunctions region stamp'
metadata description = 'One independent SCIM stamp in one Azure region: Flex Consumption Function App (.NET 10 isolated), storage account (SCIM tables, host storage, deployment package), Key Vault (tenant token hashes), Log Analytics + Application Insights, and the least-privilege role assignments of the app\'s managed identity. Deploy it once per region into its own resource group.'

import { builtInRoleIds, roleAssignmentType, siloAccountType } from 'modules/types.bicep'

@description('Required. Short name of the stamp, 2-12 lowercase letters, digits or hyphens (e.g. "weu1"); part of every resource name.')
@minLength(2)
@maxLength(12)
param stampName string

@description('Optional. Azure region of the stamp. Must offer the Flex Consumption plan.')
param location string = resourceGroup().location

@description('Optional. Tags applied to every resource.')
param tags object = {}

@description('Optional. Replication of the storage account that holds the SCIM data.')
@allowed([
  'Standard_LRS'
  'Standard_ZRS'
  'Standard_GRS'
  'Standard_GZRS'
  'Standard_RAGRS'
  'Standard_RAGZRS'
])
param storageSkuName string = 'Standard_LRS'

@description('Optional. Pool table holding every pooled tenant\'s resources (partition = tenant); setting Scim__Storage__ResourceTable.')
param resourceTableName string = 'scim'

@description('Optional. Tenant registry table; setting Scim__Storage__TenantTable. Tokens live in Key Vault, so no "tokens" table is created in Azure.')
param tenantTableName string = 'tenants'

@description('Optional. Memory per Function App instance in MB.')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int = 2048

@description('Optional. Maximum number of Function App instances.')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int = 100

@description('Optional. Always-ready (pre-warmed) instances for HTTP. 0 keeps an idle stamp free of compute charges.')
@minValue(0)
@maxValue(1000)
param alwaysReadyInstanceCount int = 0

@description('Optional. Concurrent HTTP requests per instance; null keeps the platform default.')
@minValue(1)
@maxValue(1000)
param httpPerInstanceConcurrency int?

@description('Optional. Days deleted token secrets stay recoverable (7-90; fixed once the vault exists).')
@minValue(7)
@maxValue(90)
param keyVaultSoftDeleteRetentionInDays int = 90

@description('Optional. Public network access to the Key Vault.')
@allowed([
  'Enabled'
  'Disabled'
])
param keyVaultPublicNetworkAccess string = 'Enabled'

@description('Optional. Key Vault firewall default action. "Deny" needs VNet integration of the Function App (not part of this stamp).')
@allowed([
  'Allow'
  'Deny'
])
param keyVaultNetworkDefaultAction string = 'Allow'

@description('Optional. Public IP addresses or CIDR ranges allowed through the Key Vault firewall.')
param keyVaultIpRules string[] = []

@description('Optional. Days logs and traces are kept.')
@minValue(30)
@maxValue(730)
param logRetentionInDays int = 30

@description('Optional. Daily log ingestion cap in GB (-1: no cap).')
@minValue(-1)
param logDailyQuotaGb int = -1

@description('Optional. Object id of the operator (user, group or service principal) who runs scimctl against this stamp: gets Key Vault Secrets Officer (issue and revoke tokens) and Storage Table Data Contributor (tenant registry). Empty: no operator access is granted.')
param operatorPrincipalId string = ''

@description('Optional. Kind of principal operatorPrincipalId is.')
@allowed([
  'User'
  'Group'
  'ServicePrincipal'
])
param operatorPrincipalType string = 'User'

@description('Optional. SHA-256 (64 hex characters) of the operator key that unlocks the /operator API; the key itself never reaches Azure. Empty: the /operator API answers 401 to every call. Generate: key=$(openssl rand -hex 32); printf %s "$key" | sha256sum.')
param adminKeySha256 string = ''

@description('Optional. Let the app itself write token secrets (for the /operator token routes): grants the app Key Vault Secrets Officer instead of Key Vault Secrets User.')
param appManagesTokens bool = false

@description('Optional. Extra storage accounts for tenants isolated in their own account (scimctl tenant create --isolation SiloAccount, or tenant move --to silo-account): each gets the stamp account\'s secure defaults and the app\'s (and operator\'s) table data role. Empty: none.')
param siloAccounts siloAccountType[] = []

var suffix = uniqueString(resourceGroup().id, stampName)
var deploymentContainerName = 'app-package'
var stampTags = union(tags, { 'scim-stamp': stampName })

var names = {
  storageAccount: take('st${replace(stampName, '-', '')}${suffix}', 24)
  keyVault: take('kv-${stampName}-${suffix}', 24)
  logAnalytics: 'log-scim-${stampName}-${suffix}'
  applicationInsights: 'appi-scim-${stampName}-${suffix}'
  plan: 'asp-scim-${stampName}-${suffix}'
  functionApp: 'func-${stampName}-${suffix}'
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  params: {
    name: names.storageAccount
    location: location
    tags: stampTags
    skuName: storageSkuName
    tableNames: [
      resourceTableName
      tenantTableName
    ]
    deploymentContainerName: deploymentContainerName
  }
}

module keyVault 'modules/keyvault.bicep' = {
  name: 'keyvault'
  params: {
    name: names.keyVault
    location: location
    tags: stampTags
    softDeleteRetentionInDays: keyVaultSoftDeleteRetentionInDays
    publicNetworkAccess: keyVaultPublicNetworkAccess
    networkDefaultAction: keyVaultNetworkDefaultAction
    ipRules: keyVaultIpRules
  }
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  params: {
    logAnalyticsName: names.logAnalytics
    applicationInsightsName: names.applicationInsights
    location: location
    tags: stampTags
    retentionInDays: logRetentionInDays
    dailyQuotaGb: logDailyQuotaGb
  }
}

module functionApp 'modules/functionapp.bicep' = {
  name: 'functionapp'
  params: {
    name: names.functionApp
    planName: names.plan
    location: location
    tags: stampTags
    storageAccountName: storage.outputs.name
    deploymentContainerUrl: storage.outputs.deploymentContainerUrl
    tableEndpoint: storage.outputs.tableEndpoint
    queueEndpoint: storage.outputs.queueEndpoint
    keyVaultUri: keyVault.outputs.uri
    applicationInsightsName: names.applicationInsights
    instanceMemoryMB: instanceMemoryMB
    maximumInstanceCount: maximumInstanceCount
    alwaysReadyInstanceCount: alwaysReadyInstanceCount
    httpPerInstanceConcurrency: httpPerInstanceConcurrency
    adminKeySha256: adminKeySha256
    resourceTableName: resourceTableName
    tenantTableName: tenantTableName
  }
  dependsOn: [
    monitoring
  ]
}

var appPrincipalId = functionApp.outputs.principalId

var operatorStorageRoles roleAssignmentType[] = empty(operatorPrincipalId)
  ? []
  : [
      {
        roleDefinitionId: builtInRoleIds.storageTableDataContributor
        principalId: operatorPrincipalId
        principalType: operatorPrincipalType
        description: 'Operator: scimctl reads and writes the tenant registry.'
      }
    ]

var operatorKeyVaultRoles roleAssignmentType[] = empty(operatorPrincipalId)
  ? []
  : [
      {
        roleDefinitionId: builtInRoleIds.keyVaultSecretsOfficer
        principalId: operatorPrincipalId
        principalType: operatorPrincipalType
        description: 'Operator: scimctl issues, rotates and revokes tenant tokens.'
      }
    ]

var siloAccountRoles roleAssignmentType[] = concat(
  [
    {
      roleDefinitionId: builtInRoleIds.storageTableDataContributor
      principalId: appPrincipalId
      principalType: 'ServicePrincipal'
      description: 'SCIM app: creates, reads and writes the tables of the tenants isolated in this account.'
    }
  ],
  empty(operatorPrincipalId)
    ? []
    : [
        {
          roleDefinitionId: builtInRoleIds.storageTableDataContributor
          principalId: operatorPrincipalId
          principalType: operatorPrincipalType
          description: 'Operator: scimctl moves tenants into and out of this account.'
        }
      ]
)

// 'st' + label (≤ 9) + 13 characters of uniqueString = at most 24, the limit of a storage account name.
module siloAccountModules 'modules/siloaccount.bicep' = [
  for account in siloAccounts: {
    name: 'silo-${account.label}'
    params: {
      name: 'st${toLower(account.label)}${uniqueString(resourceGroup().id, stampName, account.label)}'
      location: location
      tags: union(stampTags, { 'scim-silo': account.label })
      skuName: account.?skuName ?? storageSkuName
      roleAssignments: siloAccountRoles
    }
  }
]

module roleAssignments 'modules/roleassignments.bicep' = {
  name: 'roleassignments'
  params: {
    storageAccountName: names.storageAccount
    keyVaultName: names.keyVault
    applicationInsightsName: names.applicationInsights
    storageRoleAssignments: concat(
      [
        {
          roleDefinitionId: builtInRoleIds.storageTableDataContributor
          principalId: appPrincipalId
          principalType: 'ServicePrincipal'
          description: 'SCIM app: reads and writes tenant data and the tenant registry.'
        }
        {
          roleDefinitionId: builtInRoleIds.storageBlobDataOwner
          principalId: appPrincipalId
          principalType: 'ServicePrincipal'
          description: 'SCIM app: Functions host storage (AzureWebJobsStorage) and the deployment package container.'
        }
        {
          roleDefinitionId: builtInRoleIds.storageQueueDataMessageSender
          principalId: appPrincipalId
          principalType: 'ServicePrincipal'
          description: 'SCIM app: enqueues event wake-ups after a change commits.'
        }
        {
          roleDefinitionId: builtInRoleIds.storageQueueDataMessageProcessor
          principalId: appPrincipalId
          principalType: 'ServicePrincipal'
          description: 'SCIM app: the queue-triggered event dispatcher reads and deletes wake-ups.'
        }
      ],
      operatorStorageRoles
    )
    keyVaultRoleAssignments: concat(
      [
        {
          roleDefinitionId: appManagesTokens ? builtInRoleIds.keyVaultSecretsOfficer : builtInRoleIds.keyVaultSecretsUser
          principalId: appPrincipalId
          principalType: 'ServicePrincipal'
          description: appManagesTokens
            ? 'SCIM app: verifies tenant tokens and manages them through the /operator routes.'
            : 'SCIM app: reads tenant token hashes to verify bearer tokens.'
        }
      ],
      operatorKeyVaultRoles
    )
    applicationInsightsRoleAssignments: [
      {
        roleDefinitionId: builtInRoleIds.monitoringMetricsPublisher
        principalId: appPrincipalId
        principalType: 'ServicePrincipal'
        description: 'SCIM app: sends telemetry with Microsoft Entra authentication (local auth is off).'
      }
    ]
  }
  dependsOn: [
    monitoring
  ]
}

@description('The SCIM base URL of a tenant on this stamp; replace {tenantId} with the tenant id.')
output scimBaseUrlPattern string = '${functionApp.outputs.endpoint}/scim/v2/{tenantId}'

@description('The name of the Function App (for publishing).')
output functionAppName string = functionApp.outputs.name

@description('The default host name of the Function App.')
output functionAppHostName string = functionApp.outputs.defaultHostName

@description('The object id of the Function App\'s system-assigned managed identity.')
output principalId string = appPrincipalId

@description('The Key Vault URI (scimctl --vault-uri, app setting Scim__KeyVault__Uri).')
output keyVaultUri string = keyVault.outputs.uri

@description('The Key Vault name.')
output keyVaultName string = keyVault.outputs.name

@description('The Table service endpoint (scimctl --table-endpoint, app setting Scim__Storage__TableEndpoint).')
output tableEndpoint string = storage.outputs.tableEndpoint

@description('The Table service endpoints of the silo accounts, in the order of siloAccounts (scimctl tenant move <t> --to silo-account <endpoint>).')
output siloAccountTableEndpoints string[] = [for (account, i) in siloAccounts: siloAccountModules[i].outputs.tableEndpoint]

@description('The storage account name.')
output storageAccountName string = storage.outputs.name

@description('The Application Insights component name.')
output applicationInsightsName string = monitoring.outputs.name
