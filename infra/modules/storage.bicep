// Storage account for the app's data (tables, digest queue) and the Functions host (blobs, deployment package).
// Managed identity only: shared key access is off, so there is no connection string to leak.

@description('Storage account name: 3–24 lower-case letters and digits, globally unique.')
@minLength(3)
@maxLength(24)
param name string

param location string
param tags object = {}

@description('Tables the app uses.')
param tableNames string[]

@description('Queues the app uses.')
param queueNames string[]

@description('Blob container that holds the Flex Consumption deployment package.')
param deploymentContainerName string

resource storage 'Microsoft.Storage/storageAccounts@2025-01-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: { name: 'Standard_LRS' }
  properties: {
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    allowBlobPublicAccess: false
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    allowCrossTenantReplication: false
    accessTier: 'Hot'
  }

  resource blobService 'blobServices' = {
    name: 'default'
    resource deploymentContainer 'containers' = {
      name: deploymentContainerName
      properties: { publicAccess: 'None' }
    }
  }

  resource tableService 'tableServices' = {
    name: 'default'
  }

  resource queueService 'queueServices' = {
    name: 'default'
  }
}

resource tables 'Microsoft.Storage/storageAccounts/tableServices/tables@2025-01-01' = [for table in tableNames: {
  parent: storage::tableService
  name: table
}]

resource queues 'Microsoft.Storage/storageAccounts/queueServices/queues@2025-01-01' = [for queue in queueNames: {
  parent: storage::queueService
  name: queue
}]

output name string = storage.name
output id string = storage.id
output blobEndpoint string = storage.properties.primaryEndpoints.blob
