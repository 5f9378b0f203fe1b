// Example stamp for tenants whose data must stay in the EU (West Europe).
using '../main.bicep'

param stampName = 'weu1'
param location = 'westeurope'
param storageSkuName = 'Standard_ZRS'
param instanceMemoryMB = 2048
param maximumInstanceCount = 100
param alwaysReadyInstanceCount = 0
param logRetentionInDays = 30
param tags = {
  product: 'scim'
  region: 'westeurope'
}
// Object id of the operator who runs scimctl (az ad signed-in-user show --query id -o tsv); empty grants no operator access.
param operatorPrincipalId = ''
