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
// Read from the deploying shell, so the file needs no per-operator edit (empty: not granted / API off):
//   export SCIM_OPERATOR_PRINCIPAL_ID=$(az ad signed-in-user show --query id -o tsv)
//   export SCIM_ADMIN_KEY_SHA256=<sha256 hex of the operator key>
param operatorPrincipalId = readEnvironmentVariable('SCIM_OPERATOR_PRINCIPAL_ID', '')
param adminKeySha256 = readEnvironmentVariable('SCIM_ADMIN_KEY_SHA256', '')
