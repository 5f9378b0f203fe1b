metadata name = 'SCIM stamp Key Vault'
metadata description = 'Key Vault that holds the tenant token hashes. Access is by Azure RBAC only (no access policies); soft delete and purge protection are always on.'

@description('Required. Globally unique vault name (3-24 letters, digits and hyphens).')
@minLength(3)
@maxLength(24)
param name string

@description('Optional. Azure region of the vault.')
param location string = resourceGroup().location

@description('Optional. Tags applied to the vault.')
param tags object = {}

@description('Optional. Days a deleted vault or secret is kept recoverable (7-90). Cannot be changed after creation.')
@minValue(7)
@maxValue(90)
param softDeleteRetentionInDays int = 90

@description('Optional. Whether the vault accepts traffic from public networks. "Disabled" needs a private endpoint and VNet integration, which this stamp does not create.')
@allowed([
  'Enabled'
  'Disabled'
])
param publicNetworkAccess string = 'Enabled'

@description('Optional. What the firewall does with traffic that matches no rule. Flex Consumption apps without VNet integration have no fixed outbound addresses, so "Deny" needs VNet integration.')
@allowed([
  'Allow'
  'Deny'
])
param networkDefaultAction string = 'Allow'

@description('Optional. Public IPv4 addresses or CIDR ranges allowed through the firewall when the default action is "Deny" (e.g. the operators\' network).')
param ipRules string[] = []

resource vault 'Microsoft.KeyVault/vaults@2026-05-15' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: softDeleteRetentionInDays
    enablePurgeProtection: true
    enabledForDeployment: false
    enabledForDiskEncryption: false
    enabledForTemplateDeployment: false
    publicNetworkAccess: publicNetworkAccess
    networkAcls: {
      bypass: 'AzureServices'
      defaultAction: networkDefaultAction
      ipRules: [for ipRule in ipRules: { value: ipRule }]
      virtualNetworkRules: []
    }
  }
}

@description('The resource id of the vault.')
output resourceId string = vault.id

@description('The name of the vault.')
output name string = vault.name

@description('The vault URI, e.g. https://<vault>.vault.azure.net/.')
output uri string = vault.properties.vaultUri
