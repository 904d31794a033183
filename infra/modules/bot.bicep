// Azure Bot (single tenant) with the Microsoft Teams channel.

@description('Azure Bot resource name.')
param name string

@description('Client id of the bot\'s Entra app registration.')
param appId string

@description('Entra tenant of the app registration.')
param tenantId string

@description('Messaging endpoint: https://<function app host>/api/messages.')
param endpoint string

@allowed(['F0', 'S1'])
param sku string = 'S1'

param displayName string
param tags object = {}

resource bot 'Microsoft.BotService/botServices@2022-09-15' = {
  name: name
  location: 'global'
  tags: tags
  kind: 'azurebot'
  sku: { name: sku }
  properties: {
    displayName: displayName
    endpoint: endpoint
    msaAppId: appId
    msaAppType: 'SingleTenant'
    msaAppTenantId: tenantId
  }
}

resource teams 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'MsTeamsChannel'
  location: 'global'
  properties: {
    channelName: 'MsTeamsChannel'
    properties: {
      isEnabled: true
      deploymentEnvironment: 'CommercialDeployment'
    }
  }
}

output name string = bot.name
output appId string = bot.properties.msaAppId
