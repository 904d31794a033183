// Place Partnership bot: everything it needs in one resource group.
//   Storage (tables, digest queue, deployment container) · Function App on Flex Consumption (Linux, Node 22)
//   with a system-assigned managed identity · Application Insights + Log Analytics · Key Vault for the bot secret
//   · Azure Bot (single tenant) with the Teams channel.
// Deploy: see "Deploy to Azure" in README.md. This template has not been compiled on the machine it was written on; run
// `az bicep build --file infra/main.bicep` (or `az deployment group what-if …`) before the first deployment.
targetScope = 'resourceGroup'

@description('Short name used in resource names: 2–10 letters, digits or hyphens.')
@minLength(2)
@maxLength(10)
param appName string = 'ppbot'

@description('Region for all regional resources; it must offer Flex Consumption (uksouth does).')
param location string = resourceGroup().location

@description('Client (application) id of the bot\'s single-tenant Entra app registration.')
@minLength(36)
@maxLength(36)
param botAppId string

@secure()
@description('Client secret of that app registration, stored in Key Vault. Leave empty on later deployments to keep the stored one.')
param botAppPassword string = ''

@description('Azure Bot pricing tier. Teams messages are free on either tier.')
@allowed(['F0', 'S1'])
param botSku string = 'F0'

@description('Flex Consumption: the most instances the app may scale out to.')
@minValue(40)
@maxValue(1000)
param maximumInstanceCount int = 40

@description('Flex Consumption: memory per instance. The app runs in about 140 MB (npm run bench), so 512 is enough for it.')
@allowed([512, 2048, 4096])
param instanceMemoryMB int = 2048

@description('Node.js major version the Function App runs. Node 20 on Azure Functions reached end of life on 30 April 2026; 22 is supported until 30 April 2027, 24 after it.')
@allowed(['22', '24'])
param nodeVersion string = '22'

@description('Key Vault purge protection (recommended; a deleted vault then stays for 90 days and its name with it).')
param keyVaultPurgeProtection bool = true

@description('Days to keep logs in Log Analytics.')
param logRetentionInDays int = 30

param tags object = {}

@description('E-mail address the operations alerts go to (README, "Alerts runbook").')
param alertEmail string

@description('Places expected to get a weekly digest every Monday (those with a linked partnership channel).')
param digestPlaces string[] = ['BPL', 'BWD', 'LAN', 'SC']

@description('Entra object ids (comma-separated) allowed to set up any place, to bootstrap an empty deployment. Empty by default: then only each place\'s admins can.')
param setupAdminIds string = ''

@description('Entra tenant ids (comma-separated) whose Teams activities the bot lets in; any other tenant is refused with 403. Empty: this deployment\'s own tenant only.')
param allowedTenantIds string = ''

var baseName = toLower(appName)
var suffix = uniqueString(resourceGroup().id, baseName)
var functionAppName = 'func-${baseName}-${suffix}'
var storageAccountName = take('st${replace(baseName, '-', '')}${suffix}', 24)
var keyVaultName = 'kv-${baseName}-${take(suffix, 8)}'
var deploymentContainerName = 'app-package'
var botSecretName = 'bot-app-password'

// The app's data: one table per kind of thing, one queue for the weekly digest fan-out.
var tableNames = ['records', 'places', 'conversations', 'digests', 'packfiles']
var queueNames = ['digest', 'digest-poison']

module storageModule 'modules/storage.bicep' = {
  name: 'storage'
  params: {
    name: storageAccountName
    location: location
    tags: tags
    tableNames: tableNames
    queueNames: queueNames
    deploymentContainerName: deploymentContainerName
  }
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  params: {
    logAnalyticsName: 'log-${baseName}-${suffix}'
    appInsightsName: 'appi-${baseName}-${suffix}'
    location: location
    tags: tags
    retentionInDays: logRetentionInDays
  }
}

module keyVaultModule 'modules/keyvault.bicep' = {
  name: 'keyvault'
  params: {
    name: keyVaultName
    location: location
    tags: tags
    secretName: botSecretName
    secretValue: botAppPassword
    enablePurgeProtection: keyVaultPurgeProtection
  }
}

resource plan 'Microsoft.Web/serverfarms@2024-11-01' = {
  name: 'plan-${baseName}-${suffix}'
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    name: 'FC1'
    tier: 'FlexConsumption'
  }
  properties: {
    reserved: true // Linux
  }
}

resource functionApp 'Microsoft.Web/sites@2024-11-01' = {
  name: functionAppName
  location: location
  tags: tags
  kind: 'functionapp,linux'
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    siteConfig: {
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
    }
    functionAppConfig: {
      // Flex Consumption always runs from the package deployed to this container.
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${storageModule.outputs.blobEndpoint}${deploymentContainerName}'
          authentication: {
            type: 'SystemAssignedIdentity'
          }
        }
      }
      scaleAndConcurrency: {
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: instanceMemoryMB
      }
      runtime: {
        name: 'node'
        version: nodeVersion
      }
    }
  }
}

// The identity's roles on storage, Key Vault and Application Insights.
module access 'modules/access.bicep' = {
  name: 'access'
  params: {
    principalId: functionApp.identity.principalId
    storageAccountName: storageModule.outputs.name
    keyVaultName: keyVaultModule.outputs.name
    appInsightsName: monitoring.outputs.appInsightsName
  }
}

// App settings, applied once the identity holds its roles so the Key Vault reference and storage resolve.
// Names match functions/settings.ts (azure: true); test/unit/infra holds the two to each other.
resource appSettings 'Microsoft.Web/sites/config@2024-11-01' = {
  parent: functionApp
  name: 'appsettings'
  properties: {
    // Functions host: identity-based connection to its storage (no connection string).
    AzureWebJobsStorage__accountName: storageModule.outputs.name
    // Functions host: send telemetry with the app's Entra ID identity (App Insights has local auth off).
    APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'Authorization=AAD'
    APPLICATIONINSIGHTS_CONNECTION_STRING: monitoring.outputs.connectionString
    STORAGE_ACCOUNT_NAME: storageModule.outputs.name
    MicrosoftAppId: botAppId
    MicrosoftAppType: 'SingleTenant'
    MicrosoftAppTenantId: tenant().tenantId
    SETUP_ADMIN_IDS: setupAdminIds
    ALLOWED_TENANT_IDS: empty(allowedTenantIds) ? tenant().tenantId : allowedTenantIds
    // Where board pack download links point (GET /api/files/{token}, behind App Service authentication below).
    PUBLIC_BASE_URL: 'https://${functionApp.properties.defaultHostName}'
    // Functions host: Node flags for the worker, as functions/hostNodeFlags.json (npm start uses the same):
    // a 4 MB young generation and old-space growth of 30% per major GC keep a busy instance near
    // 135 MB resident instead of swinging to ~245 MB between collections (npm run bench).
    languageWorkers__node__arguments: '--max-semi-space-size=4 --heap-growing-percent=30'
    MicrosoftAppPassword: '@Microsoft.KeyVault(VaultName=${keyVaultModule.outputs.name};SecretName=${botSecretName})'
  }
  dependsOn: [access]
}

// App Service authentication (Easy Auth) with Entra ID in front of the board pack downloads
// (/api/files/{token}): a browser is signed in with the bot's own single-tenant app registration
// (its client secret is the MicrosoftAppPassword setting above) and the function is told who it
// is (X-MS-CLIENT-PRINCIPAL-ID, which App Service never takes from the client); the function then
// serves the file only to the person the link was made for. /api/messages is excluded: Teams
// calls it with Bot Framework tokens, which the bot itself validates. /api/health stays open.
// The app registration needs the redirect URI https://<host>/.auth/login/aad/callback and ID
// tokens (README, "The board pack").
resource auth 'Microsoft.Web/sites/config@2024-11-01' = {
  parent: functionApp
  name: 'authsettingsV2'
  properties: {
    platform: {
      enabled: true
    }
    globalValidation: {
      requireAuthentication: true
      unauthenticatedClientAction: 'RedirectToLoginPage'
      redirectToProvider: 'azureactivedirectory'
      excludedPaths: ['/api/messages', '/api/health']
    }
    httpSettings: {
      requireHttps: true
    }
    identityProviders: {
      azureActiveDirectory: {
        enabled: true
        registration: {
          openIdIssuer: '${environment().authentication.loginEndpoint}${tenant().tenantId}/v2.0'
          clientId: botAppId
          clientSecretSettingName: 'MicrosoftAppPassword'
        }
      }
    }
    login: {
      tokenStore: {
        enabled: false
      }
    }
  }
  dependsOn: [appSettings]
}

// E-mail alerts: digest not posted by Monday 10:00 UK, any 5xx, poison messages, storage availability.
module alerts 'modules/alerts.bicep' = {
  name: 'alerts'
  params: {
    location: location
    tags: tags
    alertEmail: alertEmail
    actionGroupName: 'ag-${baseName}-${suffix}'
    appInsightsId: monitoring.outputs.appInsightsId
    functionAppId: functionApp.id
    storageAccountId: storageModule.outputs.id
    digestPlaces: digestPlaces
  }
}

module bot 'modules/bot.bicep' = {
  name: 'bot'
  params: {
    name: 'bot-${baseName}-${suffix}'
    displayName: 'Place Partnership'
    appId: botAppId
    tenantId: tenant().tenantId
    endpoint: 'https://${functionApp.properties.defaultHostName}/api/messages'
    sku: botSku
    tags: tags
  }
}

output functionAppName string = functionApp.name
output botDomain string = functionApp.properties.defaultHostName
output messagingEndpoint string = 'https://${functionApp.properties.defaultHostName}/api/messages'
output botId string = bot.outputs.appId
output keyVaultName string = keyVaultModule.outputs.name
output storageAccountName string = storageModule.outputs.name
