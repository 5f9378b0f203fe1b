// Shared types and constants for the stamp modules (compile-time imports, nothing is deployed from here).

@export()
@description('A built-in role granted to one principal on the target resource of a role-assignment module.')
type roleAssignmentType = {
  @description('Required. The GUID of the built-in role definition (see builtInRoleIds).')
  roleDefinitionId: string

  @description('Required. The object id of the principal that receives the role.')
  principalId: string

  @description('Required. The kind of principal; lets ARM skip the directory lookup for identities created in the same deployment.')
  principalType: 'ServicePrincipal' | 'User' | 'Group'

  @description('Required. Why the principal needs the role (shown in the portal next to the assignment).')
  description: string
}

@export()
@description('Built-in role definition ids used by the stamp. Least privilege: data-plane roles only, no Owner/Contributor.')
var builtInRoleIds = {
  storageTableDataContributor: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
  storageBlobDataOwner: 'b7e6dc6d-f1e8-4753-8033-0f4d5e2dc2d4'
  keyVaultSecretsUser: '4633458b-17de-408a-b874-0445c86b69e6'
  keyVaultSecretsOfficer: 'b86a8fe4-44ce-4948-aee5-eccb2c155cd7'
  monitoringMetricsPublisher: '3913510d-42f4-4e42-8a64-420c390055eb'
  storageQueueDataMessageSender: 'c6a89b2d-59bc-44d0-9896-0f6e12d7b80a'
  storageQueueDataMessageProcessor: '8a0f0c08-91a1-4084-bc3d-661d67233fed'
}

@export()
@description('The secure defaults every storage account of the stamp has (the stamp account and each silo account): Entra ID only (no shared key), HTTPS and TLS 1.2, no public blobs, no cross-tenant replication, infrastructure encryption.')
var secureStorageAccountProperties = {
  accessTier: 'Hot'
  allowSharedKeyAccess: false
  defaultToOAuthAuthentication: true
  allowBlobPublicAccess: false
  allowCrossTenantReplication: false
  supportsHttpsTrafficOnly: true
  minimumTlsVersion: 'TLS1_2'
  publicNetworkAccess: 'Enabled'
  networkAcls: {
    bypass: 'AzureServices'
    defaultAction: 'Allow'
  }
  encryption: {
    keySource: 'Microsoft.Storage'
    requireInfrastructureEncryption: true
    services: {
      blob: { enabled: true, keyType: 'Account' }
      file: { enabled: true, keyType: 'Account' }
      table: { enabled: true, keyType: 'Account' }
      queue: { enabled: true, keyType: 'Account' }
    }
  }
}

@export()
@description('An extra storage account for tenants isolated in their own account (docs/operations.md).')
type siloAccountType = {
  @description('Required. Short label of the account, 2-9 lowercase letters or digits (e.g. "acme"); with the stamp it makes the account name.')
  @minLength(2)
  @maxLength(9)
  label: string

  @description('Optional. Replication of the account; the stamp account\'s replication when omitted.')
  skuName: ('Standard_LRS' | 'Standard_ZRS' | 'Standard_GRS' | 'Standard_GZRS' | 'Standard_RAGRS' | 'Standard_RAGZRS')?
}
