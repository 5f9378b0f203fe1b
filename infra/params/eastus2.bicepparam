// Example stamp for tenants served from the United States (East US 2).
using '../main.bicep'

param stampName = 'eus2'
param location = 'eastus2'
param storageSkuName = 'Standard_LRS'
param instanceMemoryMB = 2048
param maximumInstanceCount = 40
param alwaysReadyInstanceCount = 0
param httpPerInstanceConcurrency = 16
param logRetentionInDays = 30
param logDailyQuotaGb = 2
param tags = {
  product: 'scim'
  region: 'eastus2'
}
// Object id of the operator who runs scimctl (az ad signed-in-user show --query id -o tsv); empty grants no operator access.
param operatorPrincipalId = ''
