// Key Vault (RBAC) for the bot's client secret. The Function App reads it through a Key Vault reference.

@description('Key Vault name: 3–24 letters, digits and hyphens, globally unique.')
@minLength(3)
@maxLength(24)
param name string

param location string
param tags object = {}

@description('Name of the secret that holds the bot client secret.')
param secretName string

@secure()
@description('The bot client secret. Empty: leave the stored secret as it is (set it once, or rotate it with az keyvault secret set).')
param secretValue string = ''

@description('Purge protection: a deleted vault (and secret) stays recoverable for the retention period and cannot be purged early.')
param enablePurgeProtection bool = true

resource vault 'Microsoft.KeyVault/vaults@2024-11-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: tenant().tenantId
    sku: { family: 'A', name: 'standard' }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    // false is rejected by the API once set; omit it instead.
    enablePurgeProtection: enablePurgeProtection ? true : null
  }
}

resource secret 'Microsoft.KeyVault/vaults/secrets@2024-11-01' = if (!empty(secretValue)) {
  parent: vault
  name: secretName
  properties: {
    value: secretValue
    contentType: 'Bot Framework app registration client secret'
  }
}

output name string = vault.name
output id string = vault.id
