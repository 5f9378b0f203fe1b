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
// Read from the deploying shell, so the file needs no per-operator edit (empty: not granted / API off):
//   export SCIM_OPERATOR_PRINCIPAL_ID=$(az ad signed-in-user show --query id -o tsv)
//   export SCIM_ADMIN_KEY_SHA256=<sha256 hex of the operator key>
param operatorPrincipalId = readEnvironmentVariable('SCIM_OPERATOR_PRINCIPAL_ID', '')
param adminKeySha256 = readEnvironmentVariable('SCIM_ADMIN_KEY_SHA256', '')
